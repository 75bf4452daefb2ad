namespace Correlation.Cli.Commands;

/// <summary>The <c>correlation</c> command line: picks the command and maps its outcome to an exit code.</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        if (args.Any(a => a is "--help" or "-h" or "-?") || (args.Count == 1 && args[0] == "help"))
        {
            await output.WriteLineAsync(Usage.Text);
            return ExitCodes.Ok;
        }

        if (args.Count == 0)
        {
            return await UsageErrorAsync(error, "no command given");
        }

        switch (args[0])
        {
            case "evaluate":
                var options = EvaluateArguments.Parse([.. args.Skip(1)], out var problem);
                return options is null
                    ? await UsageErrorAsync(error, $"evaluate: {problem}")
                    : await EvaluateCommand.RunAsync(options, output, error, cancellationToken);
            case "shadow":
                var shadow = EvaluateArguments.Parse([.. args.Skip(1)], out var shadowProblem);
                shadowProblem ??= shadow is { RulesFile: null } ? "shadow needs the candidate rules: --rules <file>"
                    : shadow is { StormFile: null } ? "shadow replays a recorded storm file" : null;
                return shadow is null || shadowProblem is not null
                    ? await UsageErrorAsync(error, $"shadow: {shadowProblem}")
                    : await EvaluateCommand.RunAsync(shadow with { Shadow = true }, output, error, cancellationToken);
            case "generate":
                var generate = GenerateArguments.Parse([.. args.Skip(1)], out var generateProblem);
                return generate is null
                    ? await UsageErrorAsync(error, $"generate: {generateProblem}")
                    : await GenerateCommand.RunAsync(generate, output, error);
            case "train":
                return await TrainCommand.RunAsync([.. args.Skip(1)], output, error);
            default:
                return await UsageErrorAsync(error, $"unknown command '{args[0]}'");
        }
    }

    private static async Task<int> UsageErrorAsync(TextWriter error, string problem)
    {
        await error.WriteLineAsync($"correlation: {problem}");
        await error.WriteLineAsync();
        await error.WriteLineAsync(Usage.Text);
        return ExitCodes.Usage;
    }
}
