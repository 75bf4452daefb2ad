using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Correlation.Testing;

/// <summary>
/// Debian's chromium, headless, with a fresh profile, driven over the Chrome DevTools Protocol on a WebSocket:
/// enough to open a page, run script in it, and take screenshots. Installs the package when it is missing and this
/// runs as root; a test that gets null from <see cref="FindOrInstall"/> cannot run a browser. Shared by the console's
/// browser test (a console-only host) and the all-in-one pipeline's (the real pipeline).
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _receiving = Task.CompletedTask;
    private int _nextId;
    private bool _disposed;
    private bool _exited;

    private HeadlessChromium(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    /// <summary>The browser's fresh profile folder, removed when the browser is disposed.</summary>
    public string ProfileDirectory => _profile;

    /// <summary>Whether the browser process is gone (after <see cref="DisposeAsync"/>: whether it was seen to exit).</summary>
    public bool HasExited => _disposed ? _exited : _process.HasExited;

    /// <summary>Script errors and console messages of the page, for failure messages.</summary>
    public ConcurrentQueue<string> PageLog { get; } = new();

    public static string? FindOrInstall()
    {
        static string? Find() => new[] { Environment.GetEnvironmentVariable("CHROMIUM_PATH"), "/usr/bin/chromium", "/usr/bin/chromium-browser" }
            .FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p));
        if (Find() is { } found)
        {
            return found;
        }

        if (Environment.UserName == "root" && File.Exists("/usr/bin/apt-get"))
        {
            var install = new ProcessStartInfo("apt-get", ["install", "-y", "-qq", "chromium"]) { RedirectStandardOutput = true, RedirectStandardError = true };
            install.Environment["DEBIAN_FRONTEND"] = "noninteractive";
            using var process = Process.Start(install)!;
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            process.WaitForExit(TimeSpan.FromMinutes(8));
        }

        return Find();
    }

    public static async Task<HeadlessChromium> StartAsync(string executable)
    {
        var profile = Path.Combine(Path.GetTempPath(), "corr-chromium-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(profile);
        var start = new ProcessStartInfo(executable,
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", "--user-data-dir=" + profile,
            "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "--window-size=1400,1000", "about:blank",
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        var browser = new HeadlessChromium(process, profile);
        try
        {
            await browser.ConnectAsync();
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    private async Task ConnectAsync()
    {
        // Chromium writes the port it chose into the profile once it listens.
        var portFile = Path.Combine(_profile, "DevToolsActivePort");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!File.Exists(portFile) || (await File.ReadAllLinesAsync(portFile)).Length < 2)
        {
            if (DateTime.UtcNow > deadline || _process.HasExited)
            {
                throw new InvalidOperationException("chromium did not open its DevTools port" + (_process.HasExited ? $" (exited {_process.ExitCode})" : ""));
            }

            await Task.Delay(100);
        }

        var port = (await File.ReadAllLinesAsync(portFile))[0].Trim();
        using var http = new HttpClient();
        var targets = JsonDocument.Parse(await http.GetStringAsync($"http://127.0.0.1:{port}/json/list")).RootElement;
        var page = targets.EnumerateArray().First(t => t.GetProperty("type").GetString() == "page");
        await _socket.ConnectAsync(new Uri(page.GetProperty("webSocketDebuggerUrl").GetString()!), CancellationToken.None);
        _receiving = ReceiveAsync();
        await SendAsync("Runtime.enable");
        await SendAsync("Page.enable");
    }

    public async Task<JsonElement> SendAsync(string method, JsonObject? parameters = null)
    {
        var id = Interlocked.Increment(ref _nextId);
        var answer = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        var result = await answer.Task.WaitAsync(TimeSpan.FromSeconds(30));
        if (result.TryGetProperty("error", out var error))
        {
            throw new InvalidOperationException($"{method}: {error}");
        }

        return result.GetProperty("result");
    }

    public Task NavigateAsync(Uri url) => SendAsync("Page.navigate", new JsonObject { ["url"] = url.ToString() });

    /// <summary>Runs <paramref name="expression"/> in the page (awaiting a promise) and returns its value.</summary>
    public async Task<JsonElement> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject
        {
            ["expression"] = expression,
            ["awaitPromise"] = true,
            ["returnByValue"] = true,
        });
        if (result.TryGetProperty("exceptionDetails", out var exception))
        {
            throw new InvalidOperationException($"Script failed: {exception}");
        }

        return result.GetProperty("result").TryGetProperty("value", out var value) ? value.Clone() : default;
    }

    /// <summary>
    /// Clicks the element that <paramref name="element"/> (a script expression) finds as a user would: scrolled into
    /// view, then a mouse press and release at its centre. Fails if something else is drawn over that point, since a
    /// user could not click it either.
    /// </summary>
    public async Task ClickAsync(string element, string what)
    {
        var target = await EvaluateAsync($$"""
            (() => {
              const el = {{element}};
              if (!el) return { missing: true };
              el.scrollIntoView({ block: 'center', inline: 'center' });
              const r = el.getBoundingClientRect();
              const x = r.left + r.width / 2, y = r.top + r.height / 2;
              const top = document.elementFromPoint(x, y);
              const name = n => n ? n.tagName.toLowerCase() + (n.id ? '#' + n.id : '') + (n.className && typeof n.className === 'string' ? '.' + n.className.trim().replace(/\s+/g, '.') : '') : 'nothing';
              return { x, y, hit: !!top && (top === el || el.contains(top)), top: name(top), parent: name(top && top.parentElement) };
            })()
            """);
        if (target.TryGetProperty("missing", out _))
        {
            NUnit.Framework.Assert.Fail($"There is no {what} to click on the page. Page log: {string.Join(" | ", PageLog)}");
        }

        if (!target.GetProperty("hit").GetBoolean())
        {
            NUnit.Framework.Assert.Fail($"The {what} cannot be clicked: {target.GetProperty("top").GetString()} (in {target.GetProperty("parent").GetString()}) is drawn over it.");
        }

        var x = target.GetProperty("x").GetDouble();
        var y = target.GetProperty("y").GetDouble();
        foreach (var type in new[] { "mouseMoved", "mousePressed", "mouseReleased" })
        {
            await SendAsync("Input.dispatchMouseEvent", new JsonObject
            {
                ["type"] = type,
                ["x"] = x,
                ["y"] = y,
                ["button"] = type == "mouseMoved" ? "none" : "left",
                ["clickCount"] = type == "mouseMoved" ? 0 : 1,
            });
        }
    }

    /// <summary>Clicks into the field <paramref name="element"/> finds and types <paramref name="text"/>, as a user would.</summary>
    public async Task TypeAsync(string element, string text, string what)
    {
        await ClickAsync(element, what);
        await SendAsync("Input.insertText", new JsonObject { ["text"] = text });
    }

    /// <summary>Polls <paramref name="condition"/> (a script expression) until it is true.</summary>
    public async Task WaitForAsync(string condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        string? lastError = null;
        while (true)
        {
            try
            {
                var value = await EvaluateAsync($"!!({condition})");
                if (value.ValueKind == JsonValueKind.True)
                {
                    return;
                }
            }
            catch (InvalidOperationException ex)
            {
                // A page that is being re-rendered or navigated can fail a check; it is tried again until the deadline.
                lastError = ex.Message;
            }

            if (DateTime.UtcNow > deadline)
            {
                var text = await EvaluateAsync("document.body ? document.body.innerText.slice(0, 2000) : ''");
                NUnit.Framework.Assert.Fail($"The page did not show {what} within {(timeout ?? TimeSpan.FromSeconds(20)).TotalSeconds:F0}s."
                    + (lastError is null ? "" : $" Last check failed: {lastError}.") + $" Page log: {string.Join(" | ", PageLog)}. Page text: {text}");
            }

            await Task.Delay(100);
        }
    }

    public async Task ScreenshotAsync(string path)
    {
        var shot = await SendAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png", ["captureBeyondViewport"] = true });
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, Convert.FromBase64String(shot.GetProperty("data").GetString()!));
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open && !_stop.IsCancellationRequested)
            {
                var read = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (read.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, read.Count);
                if (!read.EndOfMessage)
                {
                    continue;
                }

                var root = JsonDocument.Parse(message.ToArray()).RootElement.Clone();
                message.SetLength(0);
                if (root.TryGetProperty("id", out var id) && _pending.TryRemove(id.GetInt32(), out var answer))
                {
                    answer.TrySetResult(root);
                }
                else if (root.TryGetProperty("method", out var method) && method.GetString() is "Runtime.exceptionThrown" or "Runtime.consoleAPICalled")
                {
                    PageLog.Enqueue(root.GetProperty("params").ToString());
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // The browser is going away.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _exited = _process.HasExited;
        _disposed = true;
        await _receiving;
        _socket.Dispose();
        _process.Dispose();
        _stop.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A file still held by a dying process: the temporary folder is cleaned by the system.
        }
    }
}
