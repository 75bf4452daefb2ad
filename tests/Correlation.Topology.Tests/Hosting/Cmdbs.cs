namespace Correlation.Topology.Tests.Hosting;

internal static class Cmdbs
{
    public const string TwoRouters = """
        devices:
          - { id: r1, role: router }
          - { id: r2, role: router }
        links:
          - { a: r1, b: r2 }
        """;

    public const string ThreeRouters = """
        devices:
          - { id: r1, role: router }
          - { id: r2, role: router }
          - { id: r3, role: router }
        links:
          - { a: r1, b: r2 }
          - { a: r2, b: r3 }
        """;

    /// <summary>Line 3 refers to a device that does not exist.</summary>
    public const string Broken = """
        devices:
          - { id: r1, role: router }
        links: [{ a: r1, b: r9 }]
        """;
}
