using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using MimeKit;

namespace Correlation.Ingest.Mail.Tests.Support;

/// <summary>
/// A private dovecot IMAP server on 127.0.0.1 and a free port: its own config, passwd-file user and maildir
/// in a temp folder, nothing of the system's dovecot used. As a normal user every dovecot process runs
/// as that user; run as root (as in containers), dovecot drops to its package's users, which own the mailbox.
/// Stopped (SIGTERM, then killed) and its folder removed on dispose.
/// </summary>
internal sealed class DovecotServer : IAsyncDisposable
{
    public const string User = "noc";
    public const string Password = "noc-secret-pw";
    private const string Binary = "/usr/sbin/dovecot";

    private readonly Process _process;
    private readonly DirectoryInfo _folder;

    private DovecotServer(Process process, DirectoryInfo folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    public static async Task<DovecotServer> StartAsync()
    {
        if (!File.Exists(Binary))
        {
            Assert.Ignore("dovecot is not installed: `deploy/infra.sh up` installs Debian's dovecot-imapd package (or apt-get install dovecot-imapd)");
        }

        var folder = Directory.CreateTempSubdirectory("corr-dovecot-");
        var mail = Directory.CreateDirectory(Path.Combine(folder.FullName, "mail"));
        var port = FreePort();
        var root = (await IdAsync("-u")) == "0";
        string internalUser, internalGroup, loginUser, uid, gid;
        if (root)
        {
            // dovecot refuses to run its login processes as root; its package's users take over.
            (internalUser, internalGroup, loginUser) = ("dovecot", "dovecot", "dovenull");
            (uid, gid) = (await IdAsync("-u", "dovecot"), await IdAsync("-g", "dovecot"));
            await Tools.RunAsync("chmod", ["755", folder.FullName]);
            await Tools.RunAsync("chown", [$"{uid}:{gid}", mail.FullName]);
        }
        else
        {
            (internalUser, internalGroup, loginUser) = (await IdAsync("-un"), await IdAsync("-gn"), await IdAsync("-un"));
            (uid, gid) = (await IdAsync("-u"), await IdAsync("-g"));
        }

        var dir = folder.FullName;
        await File.WriteAllTextAsync(Path.Combine(dir, "users"), $"{User}:{{PLAIN}}{Password}:{uid}:{gid}::{mail.FullName}/{User}::\n");
        await File.WriteAllTextAsync(Path.Combine(dir, "dovecot.conf"), $$"""
            base_dir = {{dir}}/run
            state_dir = {{dir}}/state
            instance_name = correlation-test-{{port}}
            protocols = imap
            listen = 127.0.0.1
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            log_path = {{dir}}/dovecot.log
            default_internal_user = {{internalUser}}
            default_internal_group = {{internalGroup}}
            default_login_user = {{loginUser}}
            first_valid_uid = 0
            mail_location = maildir:{{mail.FullName}}/%u
            passdb {
              driver = passwd-file
              args = scheme=PLAIN username_format=%u {{dir}}/users
            }
            userdb {
              driver = passwd-file
              args = username_format=%u {{dir}}/users
            }
            service imap-login {
              chroot =
              inet_listener imap {
                address = 127.0.0.1
                port = {{port}}
              }
              inet_listener imaps {
                port = 0
              }
            }
            service anvil {
              chroot =
            }
            """);
        Directory.CreateDirectory(Path.Combine(dir, "state"));
        if (root)
        {
            await Tools.RunAsync("chown", [$"{uid}:{gid}", Path.Combine(dir, "state")]);
        }

        var start = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["-F", "-c", Path.Combine(dir, "dovecot.conf")])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        var server = new DovecotServer(process, folder, port);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!await AnswersAsync(port))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                var log = File.Exists(Path.Combine(dir, "dovecot.log")) ? await File.ReadAllTextAsync(Path.Combine(dir, "dovecot.log")) : "";
                var output = process.HasExited ? await process.StandardError.ReadToEndAsync() : "";
                await server.DisposeAsync();
                Assert.Fail($"dovecot did not start on 127.0.0.1:{port}: {output}\n{log}");
            }

            await Task.Delay(100);
        }

        return server;
    }

    public async Task<ImapClient> ConnectAsync()
    {
        var client = new ImapClient();
        await client.ConnectAsync("127.0.0.1", Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(User, Password);
        return client;
    }

    /// <summary>Delivers mails into INBOX by IMAP APPEND, unseen.</summary>
    public async Task AppendAsync(params string[] rawMails)
    {
        using var client = await ConnectAsync();
        foreach (var raw in rawMails)
        {
            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(raw));
            using var message = await MimeMessage.LoadAsync(stream);
            await client.Inbox.AppendAsync(new AppendRequest(message, MessageFlags.None));
        }

        await client.DisconnectAsync(true);
    }

    /// <summary>How many messages in <paramref name="folder"/> match <paramref name="query"/>.</summary>
    public async Task<int> CountAsync(SearchQuery query, string folder = "INBOX")
    {
        using var client = await ConnectAsync();
        var mailbox = folder == "INBOX" ? client.Inbox : await client.GetFolderAsync(folder);
        await mailbox.OpenAsync(FolderAccess.ReadOnly);
        var count = (await mailbox.SearchAsync(query)).Count;
        await client.DisconnectAsync(true);
        return count;
    }

    public Dictionary<string, string> Settings(string pollInterval = "00:00:00.200") => new()
    {
        ["Mail:Imap:Host"] = "127.0.0.1",
        ["Mail:Imap:Port"] = Port.ToString(CultureInfo.InvariantCulture),
        ["Mail:Imap:Security"] = "None",
        ["Mail:Imap:Username"] = User,
        ["Mail:Imap:Password"] = Password,
        ["Mail:Imap:PollInterval"] = pollInterval,
        ["Mail:Imap:MaxRetryDelay"] = "00:00:01",
        ["Mail:Smtp:Enabled"] = "false",
    };

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM lets the master stop its children; kill the tree only if it does not.
            await Tools.RunAsync("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A child still closing a file: the temp folder is left for the system to clean.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<bool> AnswersAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static async Task<string> IdAsync(params string[] arguments)
    {
        var (code, output) = await Tools.RunAsync("id", arguments);
        Assert.That(code, Is.Zero, $"id {string.Join(' ', arguments)}: {output}");
        return output.Trim();
    }
}
