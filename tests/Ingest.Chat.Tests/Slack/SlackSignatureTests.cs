using System.Text;
using Correlation.Ingest.Chat.Pipeline;
using Correlation.Ingest.Chat.Slack;

namespace Correlation.Ingest.Chat.Tests.Slack;

/// <summary>Slack's request signing, against the worked example in Slack's documentation ("Verifying requests from Slack").</summary>
public class SlackSignatureTests
{
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string Body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    private const string Signature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    private static readonly DateTimeOffset SignedAt = DateTimeOffset.FromUnixTimeSeconds(1531420618);

    private static string? Check(string body, string signature, DateTimeOffset now, string timestamp = "1531420618") =>
        SlackSignature.Check(ChatRequest.Of(Encoding.UTF8.GetBytes(body), now, ("X-Slack-Request-Timestamp", timestamp), ("X-Slack-Signature", signature)),
            Secret, TimeSpan.FromMinutes(5));

    [Test]
    public void Slacks_documented_example_is_accepted() => Assert.That(Check(Body, Signature, SignedAt.AddSeconds(30)), Is.Null);

    [Test]
    public void The_test_signer_agrees_with_Slacks_example() =>
        Assert.That(Signers.Slack(Secret, 1531420618, Encoding.UTF8.GetBytes(Body)), Is.EqualTo(Signature));

    [TestCase("v0=A2114D57B48EAC39B9AD189DD8316235A7B4A8D21A10BD27519666489C69B503", true, Description = "hex in either case")]
    [TestCase("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b504", false)]
    [TestCase("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b5", false)]
    [TestCase("v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", false)]
    [TestCase("a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", false)]
    [TestCase("v0=zz114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", false)]
    [TestCase("", false)]
    public void Only_the_exact_signature_is_accepted(string signature, bool accepted) =>
        Assert.That(Check(Body, signature, SignedAt) is null, Is.EqualTo(accepted));

    [Test]
    public void A_changed_body_or_timestamp_is_refused()
    {
        Assert.That(Check(Body + "&x=1", Signature, SignedAt), Does.Contain("does not match"));
        Assert.That(Check(Body, Signature, SignedAt, timestamp: "1531420619"), Does.Contain("does not match"));
    }

    [TestCase(-301, false)]
    [TestCase(-300, true)]
    [TestCase(300, true)]
    [TestCase(301, false)]
    public void The_timestamp_must_be_within_five_minutes_of_now(int offset, bool accepted) =>
        Assert.That(Check(Body, Signature, SignedAt.AddSeconds(-offset)) is null, Is.EqualTo(accepted));

    [TestCase("")]
    [TestCase("-1531420618")]
    [TestCase("1531420618.5")]
    [TestCase("99999999999999999999999")]
    public void A_timestamp_that_is_not_unix_seconds_is_refused(string timestamp) =>
        Assert.That(Check(Body, Signature, SignedAt, timestamp), Does.Contain("Unix time"));
}
