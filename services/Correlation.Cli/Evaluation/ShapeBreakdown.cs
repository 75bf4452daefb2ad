using System.Globalization;
using System.Text;

namespace Correlation.Cli.Evaluation;

/// <summary>
/// Pairwise figures per kind of true incident. The kind of a truth group is its id up to the first '-'
/// (generated storms name groups power-…, link-…, degradation-…, noise-…, unrelated-…).
/// Recall counts the true pairs of the kind that were joined; precision counts, of the joined pairs that
/// touch an alarm of the kind, those that are true: a power fault glued to a link cut costs both kinds.
/// A group is intact when one incident holds all its alarms, and clean when that incident holds nothing else.
/// </summary>
public static class ShapeBreakdown
{
    /// <summary>A breakdown with more kinds than this would say nothing: group ids are then not shaped.</summary>
    public const int MaxShapes = 16;

    public sealed record ShapeFigures(string Shape, int Groups, int Alarms, double Precision, double Recall, double F1, double Intact, double Clean);

    public static string ShapeOf(string group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var dash = group.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 ? group[..dash] : group;
    }

    /// <returns>Figures per shape in name order, or null when the group ids do not name shapes.</returns>
    public static IReadOnlyList<ShapeFigures>? Measure(IReadOnlyList<string> truth, IReadOnlyList<string> predicted)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(predicted);
        if (truth.Count != predicted.Count)
        {
            throw new ArgumentException($"{truth.Count} truth labels but {predicted.Count} predictions", nameof(predicted));
        }

        var shapes = truth.Select(ShapeOf).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var groups = truth.Distinct(StringComparer.Ordinal).Count();
        if (shapes.Count > MaxShapes || shapes.Count * 2 > groups && groups > 4)
        {
            return null;
        }

        // Alarms per (incident, group), and per incident.
        var cells = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        var groupSizes = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < truth.Count; i++)
        {
            if (!cells.TryGetValue(predicted[i], out var incident))
            {
                cells[predicted[i]] = incident = new Dictionary<string, long>(StringComparer.Ordinal);
            }

            incident[truth[i]] = incident.GetValueOrDefault(truth[i]) + 1;
            groupSizes[truth[i]] = groupSizes.GetValueOrDefault(truth[i]) + 1;
        }

        var incidentsOfGroup = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (incident, members) in cells)
        {
            foreach (var group in members.Keys)
            {
                if (!incidentsOfGroup.TryGetValue(group, out var list))
                {
                    incidentsOfGroup[group] = list = [];
                }

                list.Add(incident);
            }
        }

        var figures = new List<ShapeFigures>();
        foreach (var shape in shapes)
        {
            long truePairs = 0, shared = 0, touching = 0, touchingTrue = 0;
            int alarms = 0, count = 0, intact = 0, clean = 0;
            foreach (var (group, size) in groupSizes)
            {
                if (ShapeOf(group) != shape)
                {
                    continue;
                }

                count++;
                alarms += (int)size;
                truePairs += Pairs(size);
                var holders = incidentsOfGroup[group];
                if (holders.Count == 1)
                {
                    intact++;
                    if (cells[holders[0]].Count == 1)
                    {
                        clean++;
                    }
                }
            }

            foreach (var members in cells.Values)
            {
                long total = 0, ofShape = 0, sameGroup = 0;
                foreach (var (group, n) in members)
                {
                    total += n;
                    if (ShapeOf(group) == shape)
                    {
                        ofShape += n;
                        sameGroup += Pairs(n);
                    }
                }

                touching += Pairs(total) - Pairs(total - ofShape);
                touchingTrue += sameGroup;
                shared += sameGroup;
            }

            var precision = touching == 0 ? 1.0 : (double)touchingTrue / touching;
            var recall = truePairs == 0 ? 1.0 : (double)shared / truePairs;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            figures.Add(new ShapeFigures(shape, count, alarms, precision, recall, f1, (double)intact / count, (double)clean / count));
        }

        return figures;
    }

    /// <summary>F1 of every method per shape, and the engine's (first method's) figures in detail, as Markdown-compatible lines.</summary>
    public static string Render(EvaluationReport report, bool markdown)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Input.Truth is not { } truth || report.Methods.Count == 0 || report.Methods.Any(m => m.Assignment is null))
        {
            return "";
        }

        var perMethod = report.Methods.Select(m => (m.Method, Figures: Measure(truth, m.Assignment!))).ToList();
        if (perMethod[0].Figures is not { } first)
        {
            return "";
        }

        var inv = CultureInfo.InvariantCulture;
        var rows = new List<string[]>();
        var headers = first.Select(f => f.Shape).Prepend("F1 by fault shape").ToArray();
        rows.Add(first.Select(f => string.Create(inv, $"{f.Groups} groups, {f.Alarms} alarms")).Prepend("truth").ToArray());
        foreach (var (method, figures) in perMethod)
        {
            rows.Add(figures!.Select(f => f.F1.ToString("F3", inv)).Prepend(method).ToArray());
        }

        var text = new StringBuilder();
        text.AppendLine();
        Table(text, headers, rows, markdown);
        text.AppendLine();
        var detail = new List<string[]>();
        foreach (var f in first)
        {
            detail.Add([f.Shape, f.Precision.ToString("F3", inv), f.Recall.ToString("F3", inv), f.F1.ToString("F3", inv),
                f.Intact.ToString("P0", inv), f.Clean.ToString("P0", inv)]);
        }

        Table(text, [$"{report.Methods[0].Method} by shape", "precision", "recall", "F1", "intact", "intact and clean"], detail, markdown);
        return text.ToString();
    }

    internal static void Table(StringBuilder text, string[] headers, List<string[]> rows, bool markdown)
    {
        if (markdown)
        {
            text.Append("| ").AppendJoin(" | ", headers).AppendLine(" |");
            text.Append("|---|").AppendJoin("", headers.Skip(1).Select(_ => "---:|")).AppendLine();
            foreach (var row in rows)
            {
                text.Append("| ").AppendJoin(" | ", row).AppendLine(" |");
            }

            return;
        }

        var widths = headers.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        void Row(string[] cells)
        {
            for (var i = 0; i < cells.Length; i++)
            {
                text.Append(i == 0 ? cells[i].PadRight(widths[i]) : "  " + cells[i].PadLeft(widths[i]));
            }

            text.AppendLine();
        }

        Row(headers);
        Row([.. widths.Select(w => new string('-', w))]);
        rows.ForEach(Row);
    }

    private static long Pairs(long n) => n * (n - 1) / 2;
}
