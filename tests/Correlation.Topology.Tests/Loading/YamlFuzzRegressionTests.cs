namespace Correlation.Topology.Tests.Loading;

/// <summary>Inputs the YAML fuzzers found a crash with, kept so that it never comes back. One named test each.</summary>
public class YamlFuzzRegressionTests
{
    /// <summary>
    /// Found by <see cref="CmdbLoaderFuzzTests"/> (seeds 1 and 2): a tag that is not a valid URI. YamlDotNet's parser
    /// throws ArgumentException ("Global tags must be valid URIs") for it, which the YAML reader shared by the CMDB
    /// loader and the correlation rules did not expect: the loader threw instead of reporting the file's problem.
    /// </summary>
    [TestCase("a: !!bi[[[[[[[")]
    [TestCase("a: !!*f,*f,*f,*f]\nh: &h [*g,*g,*binary AAAA\nb: !cust")]
    public void A_tag_that_is_not_a_valid_URI_is_a_reported_problem_not_an_exception(string yaml)
    {
        var result = CmdbLoader.TryParse(yaml, "regression.yaml");

        Assert.That(result.Topology, Is.Null);
        Assert.That(result.Problems.Single().Message, Does.StartWith("malformed YAML: "));
        Assert.That(result.Problems.Single().Location?.Path, Is.EqualTo("regression.yaml"));
    }
}
