using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Correlation.ServiceDefaults.Access;

/// <summary>Checks every configured token at start (data annotations do not look into list items), and that names and hashes are unique.</summary>
internal sealed class AccessOptionsValidator : IValidateOptions<AccessOptions>
{
    public ValidateOptionsResult Validate(string? name, AccessOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.Tokens.Count; i++)
        {
            var token = options.Tokens[i];
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(token, new ValidationContext(token), results, validateAllProperties: true))
            {
                failures.AddRange(results.Select(r => $"Access:Tokens:{i}: {r.ErrorMessage}"));
            }
        }

        failures.AddRange(options.Tokens.GroupBy(t => t.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
            .Select(g => $"Access:Tokens: the name '{g.Key}' is given to more than one token."));
        if (options.Tokens.GroupBy(t => t.Sha256, StringComparer.OrdinalIgnoreCase).Any(g => g.Count() > 1))
        {
            failures.Add("Access:Tokens: two entries have the same Sha256 (one token would carry two names).");
        }

        if (options.AnonymousLoopbackRole is { } role && !Enum.IsDefined(role))
        {
            failures.Add($"Access:AnonymousLoopbackRole '{role}' is not one of Viewer, Operator, Admin.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
