namespace Correlation.Topology;

/// <summary>How much the business depends on a service; ordered so that a larger value matters more.</summary>
public enum Criticality
{
    Low = 0,
    Medium = 1,
    High = 2,
    Critical = 3,
}
