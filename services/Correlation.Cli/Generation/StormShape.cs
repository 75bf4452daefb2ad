namespace Correlation.Cli.Generation;

/// <summary>Which fault shapes a generated storm is made of.</summary>
public enum StormShape
{
    Mixed = 0,
    Power,
    Link,
    Degradation,
    Unrelated,
    Noise,
}
