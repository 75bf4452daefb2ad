namespace Correlation.Ingest.Replay;

/// <summary>
/// What reading an input produced: the value when the input was sound, otherwise every problem found
/// before reading stopped. Nothing partial is returned: evaluating half a storm would give figures
/// that look valid and are not.
/// </summary>
public sealed record InputResult<T>(T? Value, IReadOnlyList<InputError> Errors, bool StoppedEarly)
    where T : class
{
    public bool IsValid => Value is not null && Errors.Count == 0;
}

public static class InputResult
{
    public static InputResult<T> Ok<T>(T value)
        where T : class => new(value, [], false);

    public static InputResult<T> Failed<T>(IReadOnlyList<InputError> errors, bool stoppedEarly)
        where T : class => new(null, errors, stoppedEarly);
}
