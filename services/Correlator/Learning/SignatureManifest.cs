namespace Correlation.Correlator.Learning;

/// <summary>What a signature model file says about itself: checked before anything else is read.</summary>
/// <param name="Format">The file layout's version; a reader refuses one it does not know.</param>
/// <param name="Clusters">k: the number of signatures.</param>
/// <param name="TrainingRows">Alarms in the history it was fitted on.</param>
/// <param name="Templates">Distinct (alarm type, summary template) pairs among them: what KMeans clustered.</param>
/// <param name="Seed">The seed it was fitted with, so that a fit can be repeated.</param>
/// <param name="CreatedAt">When it was fitted.</param>
/// <param name="ContentHash">"sha256:" and the hex SHA-256 of the model and affinity entries, in that order; set when written.</param>
internal sealed record SignatureManifest(
    string Format, int Clusters, long TrainingRows, int Templates, int Seed, DateTimeOffset CreatedAt, string? ContentHash = null);
