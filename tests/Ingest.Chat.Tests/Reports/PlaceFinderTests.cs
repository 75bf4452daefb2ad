using Correlation.Ingest.Chat.Reports;

namespace Correlation.Ingest.Chat.Tests.Reports;

/// <summary>Site and service from the reporter's key=value words, else from CMDB ids and names in the text.</summary>
public class PlaceFinderTests
{
    private readonly PlaceFinder _finder = new(Cmdb.Provider());

    private Placement Find(string text) => _finder.Find(ReportText.Parse(text));

    [TestCase("the network drives are down at the Leeds office", "leeds")]
    [TestCase("LEEDS: nothing loads", "leeds")]
    [TestCase("london-dc1 racks are hot", "london-dc1")]
    [TestCase("London DC1 racks are hot", "london-dc1")]
    [TestCase("everything is slow at the Hull branch since 9", "hull")]
    [TestCase("is it down at London data centre 1 or just me", "london-dc1", Description = "a name of several words")]
    [TestCase("York and Hull both report it", "york", Description = "the first site named")]
    public void A_site_is_found_by_its_id_or_name_as_whole_words_in_any_case(string text, string site)
    {
        var placement = Find(text);

        Assert.That(placement.Site, Is.EqualTo(site));
        Assert.That(placement.SiteFrom, Is.EqualTo(PlaceSource.Text));
    }

    [TestCase("my knee bleeds")]
    [TestCase("the yorkshire pudding is cold")]
    [TestCase("nothing to see")]
    public void Part_of_a_word_is_not_a_site(string text) => Assert.That(Find(text).IsPlaced, Is.False);

    [TestCase("the file shares will not open", "file-shares")]
    [TestCase("file-shares gone", "file-shares")]
    [TestCase("telephony (VoIP) has no dial tone", "voip")]
    [TestCase("no internet access anywhere", "internet-access")]
    public void A_service_is_found_by_its_id_or_name(string text, string service)
    {
        var placement = Find(text);

        Assert.That(placement.Service, Is.EqualTo(service));
        Assert.That(placement.Site, Is.Null);
    }

    [Test]
    public void Key_value_words_name_the_site_and_service_and_win_over_the_text()
    {
        var placement = Find("phones are dead at York site=Bradford service=\"Telephony (VoIP)\"");

        Assert.That(placement, Is.EqualTo(new Placement("bradford", PlaceSource.Key, "voip", PlaceSource.Key)));
    }

    [Test]
    public void A_key_the_CMDB_does_not_know_is_kept_as_written()
    {
        var placement = Find("no wifi site=Leds service=email");

        Assert.That(placement, Is.EqualTo(new Placement("Leds", PlaceSource.KeyNotInCmdb, "email", PlaceSource.Key)));
    }

    [Test]
    public void A_key_for_one_of_them_leaves_the_other_to_the_text()
    {
        var placement = Find("email is down at Bristol site=york");

        Assert.That(placement, Is.EqualTo(new Placement("york", PlaceSource.Key, "email", PlaceSource.Text)));
    }
}
