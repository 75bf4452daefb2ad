using Correlation.ServiceDefaults;
using StackExchange.Redis;

namespace Correlation.Testing;

/// <summary>A connection to the test Redis and a key prefix of this test's own, removed at the end.</summary>
public sealed class RedisTestKeys : IAsyncDisposable
{
    private RedisTestKeys(ConnectionMultiplexer connection, string prefix)
    {
        Connection = connection;
        Prefix = prefix;
    }

    public ConnectionMultiplexer Connection { get; }

    /// <summary>Ends with ':' so that it can stand in front of any store's key space.</summary>
    public string Prefix { get; }

    public IDatabase Database => Connection.GetDatabase();

    /// <summary>Options for a store built by hand in a test.</summary>
    public Microsoft.Extensions.Options.IOptions<RedisOptions> Options =>
        Microsoft.Extensions.Options.Options.Create(new RedisOptions { Configuration = TestServers.RedisConfiguration, KeyPrefix = Prefix });

    /// <summary>Settings that point a test host at this Redis and prefix.</summary>
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Redis:Configuration"] = TestServers.RedisConfiguration,
        ["Redis:KeyPrefix"] = Prefix,
    };

    public static async Task<RedisTestKeys> CreateAsync(string name)
    {
        TestServers.RequireRunning();
        var connection = await ConnectionMultiplexer.ConnectAsync(TestServers.RedisConfiguration);
        return new RedisTestKeys(connection, TestServers.UniquePrefix(name) + ":");
    }

    public async Task<IReadOnlyList<string>> KeysAsync(string pattern = "*")
    {
        var server = Connection.GetServers().Single();
        var keys = new List<string>();
        await foreach (var key in server.KeysAsync(pattern: Prefix + pattern, pageSize: 1000))
        {
            keys.Add(key!);
        }

        return keys;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var key in await KeysAsync())
        {
            await Database.KeyDeleteAsync(key);
        }

        await Connection.DisposeAsync();
    }
}
