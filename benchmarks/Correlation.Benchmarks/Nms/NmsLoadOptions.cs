using System.Globalization;

namespace Correlation.Benchmarks.Nms;

/// <summary>What `nms-load` sends: how many traps per run, and at which rates.</summary>
public sealed record NmsLoadOptions(int Count, IReadOnlyList<int> Rates)
{
    public const string Usage = """
        nms-load [--count N] [--rates R1,R2,...]
          Starts the SNMP trap receiver on the real broker (RabbitMq__Url, else deploy/infra.env's default), sends N
          pre-encoded v2c linkDown traps over UDP on loopback at each rate (traps/s; 0 = as fast as one sender can),
          and counts what reached a queue bound to the AlarmsReceived exchange. Defaults: --count 20000 --rates 2000,5000,10000,0
        """;

    public static NmsLoadOptions? Parse(string[] args, out string error)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new NmsLoadOptions(20_000, [2000, 5000, 10_000, 0]);
        error = "";
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--count" when int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var count) && count > 0:
                    options = options with { Count = count };
                    break;
                case "--rates":
                    var rates = args[i + 1].Split(',').Select(r => int.TryParse(r, CultureInfo.InvariantCulture, out var rate) ? rate : -1).ToList();
                    if (rates.Any(r => r < 0))
                    {
                        error = $"--rates: '{args[i + 1]}' is not a list of non-negative numbers";
                        return null;
                    }

                    options = options with { Rates = rates };
                    break;
                default:
                    error = $"unknown or bad option {args[i]} {args[i + 1]}";
                    return null;
            }
        }

        if (args.Length % 2 != 0)
        {
            error = $"{args[^1]} needs a value";
            return null;
        }

        return options;
    }
}
