using Correlation.Cli.Commands;

namespace Correlation.Cli.Tests.Support;

/// <summary>A test of the `correlation` command: a folder of its own, and what the command wrote.</summary>
public abstract class CliTest
{
    protected TempFolder Folder { get; private set; } = null!;

    protected StringWriter Out { get; private set; } = null!;

    protected StringWriter Err { get; private set; } = null!;

    [SetUp]
    public void CreateCliTest()
    {
        Folder = new TempFolder();
        Out = new StringWriter();
        Err = new StringWriter();
    }

    [TearDown]
    public void RemoveCliTest()
    {
        Folder.Dispose();
        Out.Dispose();
        Err.Dispose();
    }

    protected Task<int> RunAsync(params string[] args) => CliApp.RunAsync(args, Out, Err);
}
