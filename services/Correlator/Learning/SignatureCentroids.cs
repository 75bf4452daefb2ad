using System.Numerics.Tensors;

namespace Correlation.Correlator.Learning;

/// <summary>
/// The KMeans centroids, laid out for sparse alarms: the squared distance to a centroid c is
/// |x|² + |c|² - 2 x·c, and only the few non-zero features of x enter the dot product. Stored slot by
/// slot, so each feature reads the weights of every cluster from one contiguous run.
/// </summary>
internal sealed class SignatureCentroids
{
    private readonly float[] _weights;
    private readonly float[] _squaredNorms;

    /// <param name="centroids">Each cluster's centroid, all of <paramref name="length"/> coordinates.</param>
    /// <exception cref="FormatException">A centroid has another length, or there are none.</exception>
    public SignatureCentroids(IReadOnlyList<float[]> centroids, int length)
    {
        if (centroids.Count == 0)
        {
            throw new FormatException("the model has no clusters");
        }

        Count = centroids.Count;
        _weights = new float[length * Count];
        _squaredNorms = new float[Count];
        for (var cluster = 0; cluster < Count; cluster++)
        {
            var centroid = centroids[cluster];
            if (centroid.Length != length)
            {
                throw new FormatException($"centroid {cluster} has {centroid.Length} coordinates where the features have {length}");
            }

            for (var slot = 0; slot < length; slot++)
            {
                _weights[(slot * Count) + cluster] = centroid[slot];
                _squaredNorms[cluster] += centroid[slot] * centroid[slot];
            }
        }
    }

    public int Count { get; }

    /// <summary>The nearest cluster to the alarm with these features; the first of equally near ones, as in ML.NET.</summary>
    public int Nearest(ReadOnlySpan<int> slots, ReadOnlySpan<float> values)
    {
        // |x|² is the same for every cluster, so it is left out of the comparison.
        Span<float> distances = stackalloc float[Count];
        _squaredNorms.CopyTo(distances);
        for (var i = 0; i < slots.Length; i++)
        {
            TensorPrimitives.MultiplyAdd(_weights.AsSpan(slots[i] * Count, Count), -2f * values[i], distances, distances);
        }

        var nearest = 0;
        for (var cluster = 1; cluster < distances.Length; cluster++)
        {
            if (distances[cluster] < distances[nearest])
            {
                nearest = cluster;
            }
        }

        return nearest;
    }
}
