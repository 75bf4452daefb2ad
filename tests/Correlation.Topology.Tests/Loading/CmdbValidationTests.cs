namespace Correlation.Topology.Tests.Loading;

/// <summary>
/// Each rule of the CMDB file, checked for the line and column it reports. Line 1 is the first line of
/// each raw string.
/// </summary>
public class CmdbValidationTests
{
    private const string File = "test.yaml";

    private static List<string> Problems(string yaml)
    {
        var result = CmdbLoader.TryParse(yaml, File);
        return [.. result.Problems.Select(p => p.ToString())];
    }

    private static List<string> Errors(string yaml)
    {
        var ex = Assert.Throws<CmdbValidationException>(() => CmdbLoader.Parse(yaml, File));
        return [.. ex.Errors.Select(p => p.ToString())];
    }

    [Test]
    public void A_misspelt_top_level_key_is_reported_with_its_line_and_a_suggestion()
    {
        var errors = Errors("""
            sites: []
            device:
              - id: r1
                role: router
            """);

        Assert.That(errors, Is.EqualTo(new[]
        {
            "test.yaml:2:1: unknown top-level key 'device' (did you mean 'devices'?); expected sites, devices, links, services, teams",
        }));
    }

    [Test]
    public void A_misspelt_entry_key_is_reported_with_its_line()
    {
        var errors = Errors("""
            sites:
              - id: leeds
                regoin: north
            """);

        Assert.That(errors, Is.EqualTo(new[]
        {
            "test.yaml:3:5: unknown key 'regoin' in site 'leeds' (did you mean 'region'?); expected id, name, region",
        }));
    }

    [Test]
    public void A_misspelt_key_under_depends_on_is_reported_with_its_line()
    {
        var errors = Errors("""
            devices:
              - { id: s1, role: server }
            services:
              - id: files
                criticality: high
                depends-on:
                  device: [s1]
            """);

        Assert.That(errors, Is.EqualTo(new[]
        {
            "test.yaml:7:7: unknown key 'depends-on.device' in service 'files' (did you mean 'devices'?); expected devices, services",
        }));
    }

    [Test]
    public void A_missing_required_field_is_reported_at_its_entry()
    {
        var errors = Errors("""
            devices:
              - id: r1
                site: leeds
            sites:
              - name: Leeds
            links:
              - { a: r1 }
            """);

        Assert.That(errors, Is.EqualTo(new[]
        {
            "test.yaml:2:5: device 'r1' is missing the required field 'role'",
            "test.yaml:3:11: device 'r1' refers to unknown site 'leeds'",
            "test.yaml:5:5: a site entry is missing the required field 'id'",
            "test.yaml:7:5: a link entry is missing the required field 'b'",
        }));
    }

    [Test]
    public void An_empty_required_value_is_reported_at_the_value()
    {
        var errors = Errors("""
            devices:
              - id:
                role: router
            """);

        Assert.That(errors, Is.EqualTo(new[] { "test.yaml:2:8: a device entry has an empty 'id'" }));
    }

    [Test]
    public void A_duplicate_id_is_reported_at_the_second_with_the_line_of_the_first()
    {
        var errors = Errors("""
            devices:
              - id: r1
                role: router
              - id: R1
                role: router
            """);

        Assert.That(errors, Is.EqualTo(new[] { "test.yaml:4:9: duplicate device id 'R1' (first defined at line 2)" }));
    }

    [Test]
    public void References_to_unknown_sites_teams_devices_and_services_are_reported_at_the_value()
    {
        var errors = Errors("""
            sites:
              - { id: leeds }
            teams:
              - { id: voice }
            devices:
              - { id: r1, role: router, site: leds, team: network }
              - { id: r2, role: router, site: leeds }
            links:
              - { a: r1, b: r3 }
            services:
              - id: voip
                criticality: high
                team: voice
                depends-on:
                  devices: [r2, pbx-01]
                  services: [internet]
            """);

        Assert.That(errors, Is.EqualTo(new[]
        {
            "test.yaml:6:35: device 'r1' refers to unknown site 'leds' (did you mean 'leeds'?)",
            "test.yaml:6:47: device 'r1' refers to unknown team 'network'",
            "test.yaml:9:17: link 'r1--r3' refers to unknown device 'r3'",
            "test.yaml:15:21: service 'voip' refers to unknown device 'pbx-01'",
            "test.yaml:16:18: service 'voip' refers to unknown service 'internet'",
        }));
    }

    [Test]
    public void A_link_from_a_device_to_itself_is_reported_with_its_line()
    {
        var errors = Errors("""
            devices:
              - { id: r1, role: router }
            links:
              - id: loop
                a: r1
                b: r1
            """);

        Assert.That(errors, Is.EqualTo(new[] { "test.yaml:6:8: link 'loop' connects device 'r1' to itself" }));
    }

    [Test]
    public void A_link_written_twice_is_reported_whichever_way_round_it_is_written()
    {
        var errors = Errors("""
            devices:
              - { id: r1, role: router }
              - { id: r2, role: router }
            links:
              - { a: r1, b: r2 }
              - { a: r2, b: r1 }
              - { a: r1, b: r2 }
            """);

        Assert.That(errors, Is.EqualTo(new[]
        {
            "test.yaml:6:5: link 'r2--r1' duplicates link 'r1--r2' (first defined at line 5) between 'r2' and 'r1'; parallel links must share a redundancy-group",
            "test.yaml:7:5: duplicate link id 'r1--r2' (first defined at line 5); a link without an id is named after its ends, " +
            "so this is the same link written twice (parallel links need ids of their own and a shared redundancy-group)",
        }));
    }

    [Test]
    public void Parallel_links_in_one_redundancy_group_are_not_duplicates()
    {
        var topology = CmdbLoader.Parse("""
            devices:
              - { id: r1, role: core-router }
              - { id: r2, role: core-router }
            links:
              - { id: path-east, a: r1, b: r2, kind: fibre, redundancy-group: r1-r2 }
              - { id: path-west, a: r2, b: r1, kind: fibre, redundancy-group: R1-R2 }
            """, File);

        Assert.That(topology.RedundancyTwins("path-east").Select(l => l.Id), Is.EqualTo(new[] { "path-west" }));
    }

    [Test]
    public void A_service_dependency_cycle_is_named_and_reported_where_it_closes()
    {
        var errors = Errors("""
            services:
              - id: a
                criticality: high
                depends-on: { services: [b] }
              - id: b
                criticality: high
                depends-on: { services: [c] }
              - id: c
                criticality: high
                depends-on: { services: [d, a] }
              - id: d
                criticality: low
              - id: self
                criticality: low
                depends-on: { services: [self] }
            """);

        Assert.That(errors, Is.EqualTo(new[]
        {
            "test.yaml:10:33: service dependency cycle: a -> b -> c -> a",
            "test.yaml:15:30: service dependency cycle: self -> self",
        }));
    }

    [Test]
    public void A_redundancy_group_with_one_link_is_a_warning_that_does_not_stop_the_load()
    {
        var result = CmdbLoader.TryParse("""
            devices:
              - { id: r1, role: router }
              - { id: r2, role: router }
            links:
              - { id: lonely, a: r1, b: r2, redundancy-group: uplinks }
            """, File);

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True);
            Assert.That(result.Problems.Select(p => p.ToString()), Is.EqualTo(new[]
            {
                "test.yaml:5:51: warning: redundancy group 'uplinks' has only one link ('lonely'), so nothing backs it up",
            }));
            Assert.That(result.Topology!.Warnings, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void Malformed_yaml_is_reported_with_the_parsers_position()
    {
        var errors = Errors("""
            devices:
              - id: r1
               role: router
            """);

        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.That(errors[0], Does.StartWith("test.yaml:3:").And.Contains("malformed YAML"));
    }

    [Test]
    public void A_file_ending_inside_an_unclosed_bracket_is_reported_with_a_position()
    {
        var errors = Errors("""
            devices:
              - { id: r1, role: router
            """);

        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.That(errors[0], Does.Match(@"^test\.yaml:[0-9]+:[0-9]+: malformed YAML"));
    }

    [Test]
    public void A_flow_list_left_open_until_the_end_of_the_file_is_reported_where_it_opens()
    {
        var errors = Errors("""
            devices: [{ id: r1, role: router }
            links: []
            """);

        Assert.That(errors, Is.EqualTo(new[] { "test.yaml:1:10: malformed YAML: a '[' or '{' opened here or before is never closed" }));
    }

    [Test]
    public void A_repeated_key_in_one_entry_is_reported_without_hiding_other_problems()
    {
        var errors = Errors("""
            devices:
              - id: r1
                role: router
                role: switch
              - { id: r2, role: rooter }
            """);

        Assert.That(errors, Is.EqualTo(new[]
        {
            "test.yaml:4:5: duplicate key 'role' (first at line 3); the second is ignored",
            "test.yaml:5:21: device 'r2' has unknown role 'rooter' (did you mean 'router'?); expected one of other, core-router, " +
            "router, distribution-switch, access-switch, firewall, load-balancer, microwave-radio, wireless-controller, " +
            "access-point, server, storage, pbx, ups",
        }));
    }

    [Test]
    public void Unknown_link_kinds_and_criticalities_are_reported_at_the_value()
    {
        var errors = Errors("""
            devices: [{ id: r1, role: router }, { id: r2, role: router }]
            links: [{ a: r1, b: r2, kind: wifi }]
            services: [{ id: s, criticality: urgent }]
            """);

        Assert.That(errors, Has.Count.EqualTo(2));
        Assert.Multiple(() =>
        {
            Assert.That(errors[0], Does.StartWith("test.yaml:2:31: link 'r1--r2' has unknown kind 'wifi'"));
            Assert.That(errors[1], Does.StartWith("test.yaml:3:34: service 's' has unknown criticality 'urgent'; expected one of low, medium, high, critical"));
        });
    }

    [Test]
    public void A_name_or_alias_that_already_identifies_another_device_is_reported()
    {
        var errors = Errors("""
            devices:
              - { id: r1, role: router, aliases: [edge] }
              - { id: r2, role: router, name: r1 }
              - { id: r3, role: router, aliases: [r3-mgmt, EDGE] }
            """);

        Assert.That(errors, Is.EqualTo(new[]
        {
            "test.yaml:3:35: device 'r2' is named 'r1', which already identifies device 'r1'",
            "test.yaml:4:48: device 'r3' has the alias 'EDGE', which already identifies device 'r1'",
        }));
    }

    [Test]
    public void Wrong_shapes_are_reported_where_they_are()
    {
        var errors = Errors("""
            sites:
              id: leeds
            devices:
              - r1
              - id: [r2]
                role: router
                aliases: { a: b }
            """);

        Assert.That(errors, Is.EqualTo(new[]
        {
            "test.yaml:2:3: 'sites' must be a list of entries, each starting with '- '",
            "test.yaml:4:5: each entry of 'devices' must be a mapping of fields (such as 'id: ...'), not a single value or list",
            "test.yaml:5:9: 'id' of a device entry must be a single value, not a list or mapping",
            "test.yaml:7:14: 'aliases' of a device entry must be a list, like [a, b]",
        }));
    }

    [Test]
    public void An_empty_file_is_reported()
    {
        Assert.That(Errors("# nothing yet\n"), Is.EqualTo(new[]
        {
            "test.yaml:1:1: the file holds no CMDB; expected the top-level keys sites, devices, links, services, teams",
        }));
    }

    [Test]
    public void A_second_yaml_document_is_reported()
    {
        var errors = Errors("""
            teams: [{ id: voice }]
            ---
            teams: [{ id: security }]
            """);

        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.That(errors[0], Does.StartWith("test.yaml:2:1: the file must be a single YAML document"));
    }

    [Test]
    public void Every_problem_in_a_file_is_reported_at_once_in_file_order_and_listed_in_the_message()
    {
        var yaml = """
            sites:
              - { id: leeds, region: north }
            devices:
              - { id: r1, role: router, site: leeds }
              - { id: r2, role: ruoter, site: leeds }
              - { id: r1, role: router, site: york }
            links:
              - { a: r1, b: r9 }
            services:
              - { id: s, criticality: high, depends-on: { devices: [r7] }, colour: blue }
            """;

        var ex = Assert.Throws<CmdbValidationException>(() => CmdbLoader.Parse(yaml, File));

        var lines = ex.Problems.Select(p => p.Location!.Value.Line).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(lines, Is.EqualTo(new[] { 5, 6, 6, 8, 10, 10 }));
            Assert.That(ex.Message, Does.StartWith("The topology is not valid: 6 errors."));
            Assert.That(ex.Message, Does.Contain("test.yaml:6:11: duplicate device id 'r1' (first defined at line 4)"));
            Assert.That(ex.Message, Does.Contain("test.yaml:10:64: unknown key 'colour' in service 's'"));
        });
    }

    [Test]
    public void A_file_that_cannot_be_read_is_reported_with_its_path()
    {
        var result = CmdbLoader.TryLoad("/nonexistent/cmdb.yaml");

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Problems.Single().ToString(), Does.StartWith("/nonexistent/cmdb.yaml: cannot read the CMDB:"));
    }

    [Test]
    public void Anchors_and_aliases_can_share_values_between_entries()
    {
        var topology = CmdbLoader.Parse("""
            devices:
              - { id: r1, role: router, aliases: &shared-names [edge-1] }
              - { id: r2, role: router }
            services:
              - { id: s, criticality: low, depends-on: { devices: [r1, r2] } }
            """, File);

        Assert.That(topology.Resolve("edge-1")?.Id, Is.EqualTo("r1"));
    }
}
