namespace Correlation.ServiceDefaults.Tests;

public class DerivedMessageIdTests
{
    [Test]
    public void The_same_parts_give_the_same_id_and_any_difference_another()
    {
        var incident = Guid.NewGuid().ToString("N");
        var id = DerivedMessageId.Of("IncidentTriaged", incident, "3");

        Assert.Multiple(() =>
        {
            Assert.That(DerivedMessageId.Of("IncidentTriaged", incident, "3"), Is.EqualTo(id));
            Assert.That(DerivedMessageId.Of("IncidentTriaged", incident, "4"), Is.Not.EqualTo(id));
            Assert.That(DerivedMessageId.Of("IncidentActionPlanned", incident, "3"), Is.Not.EqualTo(id));
            Assert.That(DerivedMessageId.Of("a|b", "c"), Is.Not.EqualTo(DerivedMessageId.Of("a", "b|c")), "the separator inside a part is escaped");
            Assert.That(DerivedMessageId.Of("a\\", "|c"), Is.Not.EqualTo(DerivedMessageId.Of("a\\|", "c")));
        });
    }

    [Test]
    public void The_id_is_a_version_8_uuid()
    {
        var text = DerivedMessageId.Of("x").ToString("D");

        Assert.Multiple(() =>
        {
            Assert.That(text[14], Is.EqualTo('8'), "version nibble");
            Assert.That(text[19], Is.AnyOf('8', '9', 'a', 'b'), "RFC variant");
        });
    }
}
