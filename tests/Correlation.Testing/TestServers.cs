using System.Net.Sockets;
using System.Text.RegularExpressions;
using StackExchange.Redis;

namespace Correlation.Testing;

/// <summary>
/// The real RabbitMQ and Redis the integration tests use: named by the same environment variables
/// as the services (RabbitMq__Url, Redis__Configuration), else the defaults in deploy/infra.env.
/// `make test` starts the servers; a test that finds none fails with what to run.
/// </summary>
public static partial class TestServers
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> InfraDefaults = new(ReadInfraEnv);

    public static Uri RabbitMqUrl => new(Environment.GetEnvironmentVariable("RabbitMq__Url") is { Length: > 0 } url
        ? url
        : $"amqp://{Infra("RABBITMQ_USER")}:{Infra("RABBITMQ_PASSWORD")}@{Infra("RABBITMQ_HOST")}:{Infra("RABBITMQ_PORT")}/");

    public static string RedisConfiguration => Environment.GetEnvironmentVariable("Redis__Configuration") is { Length: > 0 } redis
        ? redis
        : $"{Infra("REDIS_HOST")}:{Infra("REDIS_PORT")}";

    /// <summary>A prefix no other test run uses, for queues, exchanges and Redis keys.</summary>
    public static string UniquePrefix(string name) =>
        $"t-{name.ToLowerInvariant()}-{Guid.NewGuid().ToString("N")[..10]}";

    /// <summary>Fails the test with a clear instruction when the servers do not answer.</summary>
    public static void RequireRunning()
    {
        var redisEndpoint = ConfigurationOptions.Parse(RedisConfiguration).EndPoints.Single();
        var (redisHost, redisPort) = redisEndpoint switch
        {
            System.Net.DnsEndPoint dns => (dns.Host, dns.Port),
            System.Net.IPEndPoint ip => (ip.Address.ToString(), ip.Port),
            _ => throw new InvalidOperationException($"Cannot read the Redis endpoint {redisEndpoint}"),
        };
        Require("Redis", redisHost, redisPort);
        Require("RabbitMQ", RabbitMqUrl.Host, RabbitMqUrl.Port);
    }

    /// <summary>The repository's root folder, found from the test assembly's location.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Correlation.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Correlation.sln not found above " + AppContext.BaseDirectory);
    }

    private static void Require(string name, string host, int port)
    {
        try
        {
            using var client = new TcpClient();
            if (client.ConnectAsync(host, port).Wait(TimeSpan.FromSeconds(3)))
            {
                return;
            }
        }
        catch (AggregateException)
        {
            // Reported below.
        }

        NUnit.Framework.Assert.Fail($"{name} does not answer on {host}:{port}. Start the local servers with " +
            "`deploy/infra.sh up` (or run `make test`), or name running ones with RabbitMq__Url and Redis__Configuration.");
    }

    private static string Infra(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value
        : InfraDefaults.Value.TryGetValue(name, out var fallback) ? fallback
        : throw new InvalidOperationException($"deploy/infra.env does not define {name}");

    private static Dictionary<string, string> ReadInfraEnv()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(RepositoryRoot(), "deploy", "infra.env")))
        {
            var match = InfraLine().Match(line);
            if (match.Success)
            {
                values[match.Groups["name"].Value] = match.Groups["value"].Value;
            }
        }

        return values;
    }

    // NAME=${NAME:-default}
    [GeneratedRegex(@"^(?<name>[A-Z_]+)=\$\{[A-Z_]+:-(?<value>[^}]*)\}\s*$")]
    private static partial Regex InfraLine();
}
