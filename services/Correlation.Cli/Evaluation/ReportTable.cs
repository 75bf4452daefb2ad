using System.Globalization;
using System.Text;
using Correlation.Cli.Metrics;
using Correlation.Correlator.Evaluation;

namespace Correlation.Cli.Evaluation;

/// <summary>
/// Renders a report as an aligned text table (terminal), a Markdown table (pull requests, wikis) or CSV
/// (spreadsheets, tracking figures over time). The three share one set of columns, so they never disagree.
/// </summary>
public static class ReportTable
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private sealed record Column(string Header, Func<MethodResult, double?> Value, string Format, bool Always = false);

    public static string ToText(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var columns = Columns(report);
        var rows = report.Methods.Select(m => columns.Select(c => Cell(c, m)).Prepend(m.Method).ToArray()).ToList();
        var headers = columns.Select(c => c.Header).Prepend("method").ToArray();
        var widths = headers.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();

        var text = new StringBuilder();
        foreach (var line in Preamble(report))
        {
            text.AppendLine(line);
        }

        text.AppendLine();
        AppendRow(text, headers, widths);
        AppendRow(text, [.. widths.Select(w => new string('-', w))], widths);
        foreach (var row in rows)
        {
            AppendRow(text, row, widths);
        }

        return text.ToString();
    }

    public static string ToMarkdown(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var columns = Columns(report);
        var text = new StringBuilder();
        foreach (var line in Preamble(report))
        {
            text.Append(line).AppendLine("  ");
        }

        text.AppendLine();
        text.Append("| method | ").AppendJoin(" | ", columns.Select(c => c.Header)).AppendLine(" |");
        text.Append("|---|").AppendJoin("", columns.Select(_ => "---:|")).AppendLine();
        foreach (var method in report.Methods)
        {
            text.Append("| ").Append(method.Method.Replace("|", "\\|", StringComparison.Ordinal)).Append(" | ")
                .AppendJoin(" | ", columns.Select(c => Cell(c, method))).AppendLine(" |");
        }

        return text.ToString();
    }

    /// <summary>Every column, whether or not the storm allows it (empty cells then), with full precision.</summary>
    public static string ToCsv(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var columns = AllColumns().ToList();
        var text = new StringBuilder();
        text.Append("storm,method,").AppendJoin(',', columns.Select(c => c.Header.Replace(' ', '_'))).Append('\n');
        foreach (var method in report.Methods)
        {
            text.Append(Quote(report.Input.Name)).Append(',').Append(Quote(method.Method)).Append(',')
                .AppendJoin(',', columns.Select(c => c.Value(method) is { } v ? v.ToString("R", Invariant) : "")).Append('\n');
        }

        return text.ToString();
    }

    private static IEnumerable<string> Preamble(EvaluationReport report)
    {
        var input = report.Input;
        yield return string.Create(Invariant, $"{input.Name}: {input.Alarms.Count:N0} alarms");
        if (report.Truth is { } truth)
        {
            yield return string.Create(Invariant, $"truth: {truth.Incidents:N0} incidents, compression {truth.Compression:F3}, largest {truth.LargestIncident:N0}");
        }
        else
        {
            yield return "no truth labels: precision, recall, F1 and ARI cannot be measured";
        }

        if (input.Knowledge is { } knowledge)
        {
            yield return knowledge.Description;
            var chanceHops = report.TopologyChance?.Share;
            var chanceCausal = report.Methods.Count > 0 ? report.Methods[0].Causal?.ChanceFraction : null;
            yield return string.Create(Invariant,
                $"chance (all alarm pairs of the storm): 2-hop share {Fraction(chanceHops)}, causal fraction {Fraction(chanceCausal)}");
            yield return "2-hop: share of joined cross-device alarm pairs whose devices are within 2 hops; "
                + "causal: share of joined cross-type pairs whose types are a causal edge; lift = causal / chance";
            var sampled = report.Methods.Where(m => m.Topology?.Sampled == true).Select(m => m.Method).ToList();
            if (report.TopologyChance?.Sampled == true)
            {
                sampled.Add("chance");
            }

            if (sampled.Count > 0)
            {
                yield return $"2-hop figures estimated from sampled pairs (fixed seed) for: {string.Join(", ", sampled)}";
            }
        }
    }

    private static List<Column> Columns(EvaluationReport report) =>
    [
        .. AllColumns().Where(c => c.Always
            || (report.HasTruth && c.Header is "precision" or "recall" or "F1" or "ARI")
            || (report.HasKnowledge && c.Header is "2-hop" or "causal" or "causal chance" or "lift")),
    ];

    private static IEnumerable<Column> AllColumns()
    {
        yield return new Column("incidents", m => m.Incidents.Incidents, "N0", Always: true);
        yield return new Column("compression", m => m.Incidents.Compression, "F3", Always: true);
        yield return new Column("largest", m => m.Incidents.LargestIncident, "N0", Always: true);
        yield return new Column("mean size", m => m.Incidents.MeanIncidentSize, "F2", Always: true);
        yield return new Column("precision", m => m.Agreement?.Precision, "F3");
        yield return new Column("recall", m => m.Agreement?.Recall, "F3");
        yield return new Column("F1", m => m.Agreement?.F1, "F3");
        yield return new Column("ARI", m => m.Agreement?.AdjustedRandIndex, "F3");
        yield return new Column("2-hop", m => m.Topology?.Share, "F3");
        yield return new Column("causal", m => m.Causal?.JoinedFraction, "F3");
        yield return new Column("causal chance", m => m.Causal?.ChanceFraction, "F3");
        yield return new Column("lift", m => m.Causal?.Lift, "F2");
    }

    private static string Cell(Column column, MethodResult method) =>
        column.Value(method) is { } value ? value.ToString(column.Format, Invariant) : "n/a";

    private static string Fraction(double? value) => value is { } v ? v.ToString("F3", Invariant) : "n/a";

    private static void AppendRow(StringBuilder text, string[] cells, int[] widths)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i == 0)
            {
                text.Append(cells[i].PadRight(widths[i]));
            }
            else
            {
                text.Append("  ").Append(cells[i].PadLeft(widths[i]));
            }
        }

        text.AppendLine();
    }

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
}
