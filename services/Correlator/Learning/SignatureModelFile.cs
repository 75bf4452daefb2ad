using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;

namespace Correlation.Correlator.Learning;

/// <summary>
/// The signature model file: one zip holding <c>manifest.json</c> (format version, what was fitted, and a
/// hash of the rest), <c>model.zip</c> (the fitted ML.NET pipeline, as ML.NET saves it) and
/// <c>affinity.json</c> (the signature affinity table). One file, so the parts cannot be deployed apart.
/// </summary>
internal static class SignatureModelFile
{
    public const string Format = "signatures/1";
    public const string ManifestEntry = "manifest.json";
    public const string ModelEntry = "model.zip";
    public const string AffinityEntry = "affinity.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>
    /// Writes beside <paramref name="path"/> and then moves into place, so a service starting meanwhile
    /// reads the old model or the new one, never half of one.
    /// </summary>
    public static void Write(string path, SignatureManifest manifest, byte[] model, byte[] affinity)
    {
        var sealedManifest = manifest with { ContentHash = Hash(model, affinity) };
        var partial = path + ".partial";
        try
        {
            using (var archive = ZipFile.Open(partial, ZipArchiveMode.Create))
            {
                Add(archive, ManifestEntry, JsonSerializer.SerializeToUtf8Bytes(sealedManifest, Json), CompressionLevel.Optimal);
                // ML.NET's own file is a zip already.
                Add(archive, ModelEntry, model, CompressionLevel.NoCompression);
                Add(archive, AffinityEntry, affinity, CompressionLevel.Optimal);
            }

            File.Move(partial, path, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <exception cref="InvalidDataException">The file is not a signature model of <see cref="Format"/>, or is damaged; the message names the file.</exception>
    public static (SignatureManifest Manifest, byte[] Model, byte[] Affinity) Read(string path)
    {
        ZipArchive archive;
        try
        {
            archive = ZipFile.OpenRead(path);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"{path}: not a signature model file (not a readable zip archive: {ex.Message})", ex);
        }

        using (archive)
        {
            var manifestJson = Entry(archive, path, ManifestEntry);
            SignatureManifest? manifest;
            try
            {
                manifest = JsonSerializer.Deserialize<SignatureManifest>(manifestJson, Json);
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{path}: {ManifestEntry} is not a valid manifest: {ex.Message}", ex);
            }

            if (manifest?.Format != Format)
            {
                throw new InvalidDataException(manifest?.Format is { } other
                    ? $"{path}: format version '{other}' is not one this version reads ({Format}); train the model again with this version"
                    : $"{path}: {ManifestEntry} names no format version; not a signature model file");
            }

            var model = Entry(archive, path, ModelEntry);
            var affinity = Entry(archive, path, AffinityEntry);
            if (manifest.ContentHash != Hash(model, affinity))
            {
                throw new InvalidDataException($"{path}: the model does not match the hash in its manifest; the file is damaged");
            }

            return (manifest, model, affinity);
        }
    }

    private static void Add(ZipArchive archive, string name, byte[] content, CompressionLevel compression)
    {
        using var stream = archive.CreateEntry(name, compression).Open();
        stream.Write(content);
    }

    private static byte[] Entry(ZipArchive archive, string path, string name)
    {
        var entry = archive.GetEntry(name) ?? throw new InvalidDataException($"{path}: not a signature model file (it has no {name})");
        try
        {
            using var stream = entry.Open();
            using var content = new MemoryStream();
            stream.CopyTo(content);
            return content.ToArray();
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"{path}: {name} is damaged: {ex.Message}", ex);
        }
    }

    private static string Hash(byte[] model, byte[] affinity)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(model);
        hash.AppendData(affinity);
        return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
