using System.Security.Cryptography;
using System.Text;

namespace Correlation.Ingest.Tests;

public class AlarmFingerprintTests
{
    [Test]
    public void The_default_fingerprint_is_the_first_16_bytes_of_sha256_over_upper_resource_upper_type_and_instance()
    {
        var independent = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("LEEDS-SW-1\nLINK_DOWN\nGi0/1"))[..16]);

        var fingerprint = AlarmFingerprint.Compute("leeds-sw-1", "link_down", "Gi0/1");

        Assert.That(fingerprint, Is.EqualTo(independent));
        // Pinned as text too (computed with Python's hashlib): ingest's fingerprints must not move.
        Assert.That(fingerprint, Is.EqualTo("421be0925ed1a4722045f10ae67e07c2"));
    }

    [Test]
    public void Without_an_instance_the_last_part_is_empty_and_the_instance_keeps_its_case()
    {
        Assert.That(AlarmFingerprint.Compute("Leeds-SW-1", "Link_Down", null), Is.EqualTo("00ea1f4098e9ff8349c045c3d93aed6a"));
        Assert.That(AlarmFingerprint.Compute("leeds-sw-1", "link_down", "gi0/1"), Is.Not.EqualTo(AlarmFingerprint.Compute("leeds-sw-1", "link_down", "Gi0/1")));
    }
}
