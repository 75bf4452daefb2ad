using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Correlation.Testing;

/// <summary>
/// Seeded mutation fuzzing for parsers, bounded so that CI stays fast: each run stops after a number of cases or a
/// time budget, whichever comes first, and each input must be answered within a time limit (a parser that loops or
/// backtracks without end fails the test with the input, instead of hanging it). An input that makes the target throw
/// what it should not fails the test with the input in base64, to be kept as a named regression case.
/// CORRELATION_FUZZ_SECONDS (e.g. 300) makes every run go on that long, for a deeper search on a workstation.
/// </summary>
public static class Fuzz
{
    /// <summary>Cases per run in CI; a longer search is asked for with CORRELATION_FUZZ_SECONDS.</summary>
    public const int DefaultCases = 1500;

    // A hang detector, not a speed test: a 2 s limit failed once on the triage policy's 20,000-repeated-keys input
    // while the shared 2-core machine ran other suites at load average 33 (the same test passed at load 19). A loop
    // that never ends still fails here.
    private static readonly TimeSpan PerInputLimit = TimeSpan.FromSeconds(10);

    /// <summary>The time budget of one run: a few seconds in CI, longer when asked for.</summary>
    public static TimeSpan Budget =>
        double.TryParse(Environment.GetEnvironmentVariable("CORRELATION_FUZZ_SECONDS"), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.FromSeconds(8);

    private static bool Extended => Environment.GetEnvironmentVariable("CORRELATION_FUZZ_SECONDS") is { Length: > 0 };

    /// <summary>
    /// Runs <paramref name="target"/> on inputs from <paramref name="next"/> until <paramref name="cases"/> inputs (unless
    /// CORRELATION_FUZZ_SECONDS asks for a longer search) or the time budget. Returns how many ran.
    /// </summary>
    /// <param name="target">Returns normally for any input: a refusal is a value, not an exception.</param>
    public static int Run(string name, int seed, Func<Random, byte[]> next, Action<byte[]> target, int cases = DefaultCases)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(target);
        var random = new Random(seed);
        var budget = Budget;
        var clock = Stopwatch.StartNew();
        var ran = 0;
        while ((Extended || ran < cases) && clock.Elapsed < budget)
        {
            var input = next(random);
            Once(name, input, target);
            ran++;
        }

        NUnit.Framework.TestContext.Out.WriteLine($"{name} (seed {seed}): {ran} inputs in {clock.Elapsed.TotalSeconds:F1} s");
        return ran;
    }

    /// <summary>Runs one input with the time limit; a throw or a hang fails the test with the input.</summary>
    public static void Once(string name, byte[] input, Action<byte[]> target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var run = Task.Run(() => target(input));
        bool finished;
        try
        {
            finished = run.Wait(PerInputLimit);
        }
        catch (AggregateException e)
        {
            NUnit.Framework.Assert.Fail($"{name} threw {e.InnerException?.GetType().Name}: {e.InnerException?.Message}\n"
                + $"Keep it as a regression case; {Describe(name, input)}\n{e.InnerException}");
            return;
        }

        if (!finished)
        {
            NUnit.Framework.Assert.Fail($"{name} took more than {PerInputLimit.TotalSeconds:F0} s on one input (a hang); {Describe(name, input)}");
        }
    }

    /// <summary>
    /// A failing input, for the failure message: whole in base64 when short; when long, saved to a file under the test's
    /// output folder (and attached to the result) with its first bytes shown, so a huge input does not bury the log.
    /// </summary>
    private static string Describe(string name, byte[] input)
    {
        const int Shown = 512;
        if (input.Length <= Shown)
        {
            return $"the input (base64): {Convert.ToBase64String(input)}";
        }

        var path = Path.Combine(NUnit.Framework.TestContext.CurrentContext.WorkDirectory,
            $"fuzz-{string.Concat(name.Split(Path.GetInvalidFileNameChars()))}-{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(input))[..16]}.bin");
        File.WriteAllBytes(path, input);
        NUnit.Framework.TestContext.AddTestAttachment(path);
        return $"the input ({input.Length} bytes) is in {path}; its first {Shown} bytes (base64): {Convert.ToBase64String(input, 0, Shown)}";
    }

    /// <summary>
    /// YAML that attacks a loader rather than being wrong: an alias bomb (each level nine times the one before: a loader
    /// that expands aliases walks 9^9 nodes), nesting past any sane depth in flow and block style, a huge scalar, a
    /// key thousands of times over, NUL and stray control characters, several documents.
    /// </summary>
    public static IReadOnlyList<string> HostileYaml { get; } = BuildHostileYaml();

    private static string[] BuildHostileYaml()
    {
        var bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var level = 'b'; level <= 'i'; level++)
        {
            var previous = (char)(level - 1);
            bomb.Append(CultureInfo.InvariantCulture, $"{level}: &{level} [{string.Join(',', Enumerable.Repeat("*" + previous, 9))}]\n");
        }

        var blockNesting = new StringBuilder();
        for (var depth = 0; depth < 2000; depth++)
        {
            blockNesting.Append(' ', depth).Append("k:\n");
        }

        return
        [
            bomb.ToString(),
            bomb.ToString().Replace("a: &a", "window: &a", StringComparison.Ordinal) + "local-types: *i\nsites: *i\ndevices: *i\nrules: *i\n",
            new string('[', 100_000),
            new string('[', 5000) + new string(']', 5000),
            string.Concat(Enumerable.Repeat("{a: ", 5000)) + "1" + new string('}', 5000),
            blockNesting.ToString(),
            "key: " + new string('x', 2_000_000),
            string.Concat(Enumerable.Range(0, 20_000).Select(i => $"k{i % 7}: v\n")),
            "a: b\0c\nd: \u0001\u0002\u001b[31m\n",
            "---\na: 1\n---\nb: 2\n...\n---\n",
            "? [a, b]\n: c\n",
            "a: !!binary AAAA\nb: !custom x\n&x c: *x\n",
            "\uFEFFa: 1\n\ta: 2\n",
            "*undefined\n",
        ];
    }

    /// <summary>A byte-level mutation of one of <paramref name="seeds"/>: flips, interesting bytes, cuts, repeats and splices.</summary>
    public static byte[] Mutate(Random random, IReadOnlyList<byte[]> seeds)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(seeds);
        ReadOnlySpan<byte> interesting = "\0\r\n\t \"'\\{}[]:,<>&=%+-.0123456789eE/\u007f"u8;
        var bytes = new List<byte>(seeds[random.Next(seeds.Count)]);
        for (var m = random.Next(1, 9); m > 0; m--)
        {
            var at = bytes.Count == 0 ? 0 : random.Next(bytes.Count);
            switch (random.Next(8))
            {
                case 0 when bytes.Count > 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1 when bytes.Count > 0:
                    bytes[at] = interesting[random.Next(interesting.Length)];
                    break;
                case 2:
                    bytes.Insert(at, interesting[random.Next(interesting.Length)]);
                    break;
                case 3 when bytes.Count > 0:
                    bytes.RemoveRange(at, Math.Min(bytes.Count - at, random.Next(1, 64)));
                    break;
                case 4 when bytes.Count > 0:
                    bytes.InsertRange(at, bytes.GetRange(at, Math.Min(bytes.Count - at, random.Next(1, 256))));
                    break;
                case 5:
                    var other = seeds[random.Next(seeds.Count)];
                    var from = random.Next(other.Length + 1);
                    bytes.InsertRange(at, other.AsSpan(from, Math.Min(other.Length - from, random.Next(1, 512))).ToArray());
                    break;
                case 6 when bytes.Count > 0:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                default:
                    bytes.Insert(at, (byte)random.Next(256));
                    break;
            }
        }

        return [.. bytes];
    }

    /// <summary>
    /// A structure-aware mutation of a JSON seed: values swapped for other types, huge or odd numbers, long or strange
    /// strings, deep nesting, removed or duplicated members. Falls back to <see cref="Mutate"/> when the seed is not JSON.
    /// </summary>
    public static byte[] MutateJson(Random random, IReadOnlyList<byte[]> seeds)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(seeds);
        var seed = seeds[random.Next(seeds.Count)];
        if (random.Next(25) == 0)
        {
            // Nesting deeper than any limit, unterminated or closed: the parser's depth limit must hold.
            var depth = random.Next(100, 100_000);
            var open = random.Next(2) == 0 ? "[" : "{\"a\":";
            return Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(open, depth)) + (random.Next(2) == 0 ? "" : "1"));
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(seed);
        }
        catch (System.Text.Json.JsonException)
        {
            return Mutate(random, seeds);
        }

        if (root is null)
        {
            return Mutate(random, seeds);
        }

        for (var m = random.Next(1, 5); m > 0; m--)
        {
            var nodes = new List<JsonNode>();
            Collect(root, nodes);
            var target = nodes[random.Next(nodes.Count)];
            switch (target.Parent)
            {
                case JsonObject parent:
                    var key = parent.First(p => ReferenceEquals(p.Value, target)).Key;
                    if (random.Next(5) == 0)
                    {
                        parent.Remove(key);
                    }
                    else
                    {
                        parent[key] = Value(random, 0);
                    }

                    break;
                case JsonArray array:
                    var index = array.IndexOf(target);
                    if (random.Next(5) == 0)
                    {
                        array.RemoveAt(index);
                    }
                    else if (random.Next(4) == 0)
                    {
                        // Many copies: limits on counts must hold.
                        for (var copies = random.Next(1, 1200); copies > 0; copies--)
                        {
                            array.Add(target.DeepClone());
                        }
                    }
                    else
                    {
                        array[index] = Value(random, 0);
                    }

                    break;
                default:
                    root = Value(random, 0) ?? new JsonObject();
                    break;
            }
        }

        string text;
        try
        {
            text = root.ToJsonString();
        }
        catch (InvalidOperationException)
        {
            // Nested past what the writer writes (1000 levels); the text-level nesting above covers that.
            return Mutate(random, seeds);
        }

        // Members named twice, which a DOM cannot hold but senders can send.
        if (random.Next(8) == 0 && text.StartsWith('{') && text.Length > 2)
        {
            var first = text.IndexOf(',', StringComparison.Ordinal);
            text = first > 1 ? "{" + text[1..first] + "," + text[1..] : text;
        }

        return Encoding.UTF8.GetBytes(text);
    }

    private static void Collect(JsonNode node, List<JsonNode> into)
    {
        into.Add(node);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    if (child is not null)
                    {
                        Collect(child, into);
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    if (child is not null)
                    {
                        Collect(child, into);
                    }
                }

                break;
        }
    }

    private static readonly string[] Strings =
    [
        "", " ", "null", "true", "0", "-1", "1e309", "NaN", "critical", "firing", "resolved", "trigger", "resolve", "acknowledge",
        "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2026-11-23T10:14:03Z", "2026-13-45T99:99:99Z", "not a time",
        "\u0000", "\ud800", "\u202e", "𝄞", "a\r\nb", "<script>", "%n%s", "{{", "../../etc/passwd", "leeds-sw-1:9116",
    ];

    private static JsonNode? Value(Random random, int depth) => random.Next(depth > 2 ? 6 : 9) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(2) == 0),
        2 => JsonValue.Create(random.Next(3) switch { 0 => long.MaxValue, 1 => -random.Next(), _ => random.Next(0, 10) }),
        3 => JsonValue.Create(random.NextDouble() * Math.Pow(10, random.Next(-300, 300))),
        4 => JsonValue.Create(Strings[random.Next(Strings.Length)]),
        5 => JsonValue.Create(new string((char)random.Next(0x20, 0x7f), random.Next(0, 5000))),
        6 => new JsonArray([.. Enumerable.Range(0, random.Next(0, 4)).Select(_ => Value(random, depth + 1))]),
        7 => Nested(random.Next(10, 200)),
        _ => new JsonObject(Enumerable.Range(0, random.Next(0, 4))
            .Select(i => KeyValuePair.Create(Strings[random.Next(Strings.Length)] + i, Value(random, depth + 1)))),
    };

    /// <summary>Arrays in arrays, deeper than a sender should nest (deeper still is made as text above).</summary>
    private static JsonNode Nested(int depth) =>
        JsonNode.Parse(new string('[', depth) + new string(']', depth), documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = 1000 })!;
}
