using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Correlation.Topology;

/// <summary>A YAML node with where it starts; the loaders' only view of a configuration file.</summary>
public abstract class YamlTreeNode(SourceLocation at)
{
    public SourceLocation At { get; } = at;
}

public sealed class YamlTreeScalar(SourceLocation at, string value, bool isNull) : YamlTreeNode(at)
{
    public string Value { get; } = value;

    /// <summary>An empty value, "~" or "null": a key written without a value.</summary>
    public bool IsNull { get; } = isNull;
}

public sealed class YamlTreeSequence(SourceLocation at, IReadOnlyList<YamlTreeNode> items) : YamlTreeNode(at)
{
    public IReadOnlyList<YamlTreeNode> Items { get; } = items;
}

public sealed class YamlTreeMapping(SourceLocation at, IReadOnlyList<KeyValuePair<YamlTreeScalar, YamlTreeNode>> entries)
    : YamlTreeNode(at)
{
    public IReadOnlyList<KeyValuePair<YamlTreeScalar, YamlTreeNode>> Entries { get; } = entries;
}

/// <summary>
/// Reads YAML with YamlDotNet's parser into a small tree that keeps the line and column of every node.
/// Built from parser events rather than YamlStream so that a repeated key is one more reported problem
/// instead of an exception that hides everything after it, and so that every syntax error has a position.
/// The CMDB loader uses it, and so do the other YAML configuration files (the correlator's rules).
/// </summary>
public static class YamlTree
{
    // Deeper nesting than any CMDB needs; the limit keeps a hostile file from exhausting the stack.
    private const int MaxDepth = 64;

    /// <summary>The first document's root, or null when the file holds none or is not YAML (reported).</summary>
    public static YamlTreeNode? Read(TextReader text, string path, List<TopologyProblem> problems)
    {
        var reader = new Reader(new Parser(text), path, problems);
        try
        {
            return reader.ReadStream();
        }
        catch (YamlException e)
        {
            var at = e.Start.Line > 0 ? reader.Location(e.Start) : reader.LastGood;
            problems.Add(new(ProblemSeverity.Error, "malformed YAML: " + e.Message, at));
        }
        catch (ArgumentException e)
        {
            // YamlDotNet's parser throws this, without a position, for a tag that is not a valid URI ("!!bi[").
            problems.Add(new(ProblemSeverity.Error, "malformed YAML: " + e.Message.Split(" (Parameter", 2)[0], reader.LastGood));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, without a position, when a flow collection is left open
            // until the end of the file; the last node it read is the best position there is.
            problems.Add(new(ProblemSeverity.Error,
                "malformed YAML: a '[' or '{' opened here or before is never closed", reader.LastGood));
        }
        return null;
    }

    private sealed class Reader(Parser parser, string path, List<TopologyProblem> problems)
    {
        private readonly Dictionary<string, YamlTreeNode> _anchors = new(StringComparer.Ordinal);

        public SourceLocation LastGood { get; private set; } = new(path, 1, 1);

        public SourceLocation Location(Mark mark) => new(path, checked((int)mark.Line), checked((int)mark.Column));

        public YamlTreeNode? ReadStream()
        {
            Expect<StreamStart>(Next());
            var first = Next();
            if (first is StreamEnd)
            {
                return null;
            }
            Expect<DocumentStart>(first);
            var root = ReadNode(Next(), depth: 0);
            Expect<DocumentEnd>(Next());
            if (Next() is DocumentStart another)
            {
                problems.Add(new(ProblemSeverity.Error,
                    "the file must be a single YAML document; remove the second '---' and what follows or merge it",
                    Location(another.Start)));
            }
            return root;
        }

        private ParsingEvent Next()
        {
            if (!parser.MoveNext() || parser.Current is not { } current)
            {
                throw new YamlException(default, default, "unexpected end of the file");
            }
            LastGood = Location(current.Start);
            return current;
        }

        private static void Expect<T>(ParsingEvent e) where T : ParsingEvent
        {
            if (e is not T)
            {
                throw new YamlException(e.Start, e.End, $"expected {typeof(T).Name} but found {e.GetType().Name}");
            }
        }

        private YamlTreeNode ReadNode(ParsingEvent e, int depth)
        {
            if (depth > MaxDepth)
            {
                throw new YamlException(e.Start, e.End, $"nested more than {MaxDepth} levels deep");
            }
            YamlTreeNode node;
            switch (e)
            {
                case Scalar scalar:
                    node = new YamlTreeScalar(Location(scalar.Start), scalar.Value,
                        scalar.Style == ScalarStyle.Plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL");
                    break;
                case AnchorAlias alias:
                    return _anchors.TryGetValue(alias.Value.Value, out var anchored)
                        ? anchored
                        : throw new YamlException(alias.Start, alias.End, $"alias '*{alias.Value.Value}' refers to no anchor defined before it");
                case SequenceStart:
                    var items = new List<YamlTreeNode>();
                    for (var item = Next(); item is not SequenceEnd; item = Next())
                    {
                        items.Add(ReadNode(item, depth + 1));
                    }
                    node = new YamlTreeSequence(Location(e.Start), items);
                    break;
                case MappingStart:
                    node = ReadMapping(e, depth);
                    break;
                default:
                    throw new YamlException(e.Start, e.End, $"unexpected {e.GetType().Name}");
            }
            if (e is NodeEvent { Anchor.IsEmpty: false } anchorEvent)
            {
                _anchors[anchorEvent.Anchor.Value] = node;
            }
            return node;
        }

        private YamlTreeMapping ReadMapping(ParsingEvent start, int depth)
        {
            var entries = new List<KeyValuePair<YamlTreeScalar, YamlTreeNode>>();
            var seen = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
            for (var keyEvent = Next(); keyEvent is not MappingEnd; keyEvent = Next())
            {
                var key = ReadNode(keyEvent, depth + 1);
                var value = ReadNode(Next(), depth + 1);
                if (key is not YamlTreeScalar scalarKey)
                {
                    problems.Add(new(ProblemSeverity.Error, "a key must be plain text, not a list or mapping", key.At));
                }
                else if (seen.TryGetValue(scalarKey.Value, out var first))
                {
                    problems.Add(new(ProblemSeverity.Error,
                        $"duplicate key '{scalarKey.Value}' (first at line {first.Line}); the second is ignored", scalarKey.At));
                }
                else
                {
                    seen.Add(scalarKey.Value, scalarKey.At);
                    entries.Add(new(scalarKey, value));
                }
            }
            return new YamlTreeMapping(Location(start.Start), entries);
        }
    }
}
