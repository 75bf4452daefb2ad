namespace Correlation.Contracts;

/// <summary>
/// The structured root cause recorded at closure: the <paramref name="Element"/> that failed
/// ("link hull-microwave"), how it failed (<paramref name="FailureType"/>, "fibre cut"), and the
/// <paramref name="CauseCategory"/> ("third-party", "power", "hardware", "change", "software").
/// </summary>
public sealed record RootCause(string Element, string FailureType, string CauseCategory, string? Description);
