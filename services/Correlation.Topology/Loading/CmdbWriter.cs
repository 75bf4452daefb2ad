using System.Globalization;
using System.Text;

namespace Correlation.Topology;

/// <summary>
/// Writes a <see cref="NetworkTopology"/> as CMDB YAML that <see cref="CmdbLoader"/> reads back to the same
/// sites, devices, links, services and teams. Used by tools that build a network in code (the storm
/// generator) so that the pipeline can be pointed at the very network a storm was generated on.
/// </summary>
/// <remarks>
/// Every text value is written double-quoted: ids, aliases and names are free text, and a plain scalar such
/// as <c>null</c>, <c>yes</c>, <c>10:30</c> or one starting with <c>*</c> or <c>#</c> would otherwise read back
/// as something else. Optional fields are left out when they hold their default, so a name equal to the id
/// is not written (the loader defaults the name to the id).
/// </remarks>
public static class CmdbWriter
{
    public static void WriteFile(string path, NetworkTopology topology)
    {
        ArgumentNullException.ThrowIfNull(path);
        File.WriteAllText(path, Write(topology), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    public static string Write(NetworkTopology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var yaml = new StringBuilder();
        yaml.Append("# CMDB written by CmdbWriter; the format is described in deploy/config/README.md.\n");

        Section(yaml, "teams", topology.Teams, (team, w) =>
        {
            w.Field("id", team.Id);
            w.OptionalName(team.Name, team.Id);
        });
        Section(yaml, "sites", topology.Sites, (site, w) =>
        {
            w.Field("id", site.Id);
            w.OptionalName(site.Name, site.Id);
            w.Optional("region", site.Region);
        });
        Section(yaml, "devices", topology.Devices, (device, w) =>
        {
            w.Field("id", device.Id);
            w.OptionalName(device.Name, device.Id);
            w.Plain("role", CmdbNames.Of(device.Role));
            w.Optional("site", device.SiteId);
            w.Optional("team", device.TeamId);
            w.List("aliases", device.Aliases);
        });
        Section(yaml, "links", topology.Links, (link, w) =>
        {
            w.Field("id", link.Id);
            w.Field("a", link.A);
            w.Field("b", link.B);
            w.Plain("kind", CmdbNames.Of(link.Kind));
            w.Optional("redundancy-group", link.RedundancyGroup);
        });
        Section(yaml, "services", topology.Services, (service, w) =>
        {
            w.Field("id", service.Id);
            w.OptionalName(service.Name, service.Id);
            w.Plain("criticality", CmdbNames.Of(service.Criticality));
            w.Optional("team", service.TeamId);
            if (service.DependsOnDevices.Count > 0 || service.DependsOnServices.Count > 0)
            {
                w.Key("depends-on");
                w.Nested.List("devices", service.DependsOnDevices);
                w.Nested.List("services", service.DependsOnServices);
            }
            w.List("customers", service.Customers);
        });
        return yaml.ToString();
    }

    private static void Section<T>(StringBuilder yaml, string name, IReadOnlyList<T> entries, Action<T, EntryWriter> write)
    {
        if (entries.Count == 0)
        {
            return;
        }
        yaml.Append('\n').Append(name).Append(":\n");
        foreach (var entry in entries)
        {
            write(entry, new EntryWriter(yaml, 4, first: true));
        }
    }

    /// <summary>Quotes a value as a YAML double-quoted scalar, escaping what that style requires.</summary>
    internal static string Quote(string value)
    {
        var quoted = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': quoted.Append("\\\""); break;
                case '\\': quoted.Append("\\\\"); break;
                case '\n': quoted.Append("\\n"); break;
                case '\r': quoted.Append("\\r"); break;
                case '\t': quoted.Append("\\t"); break;
                default:
                    if (char.IsControl(c))
                    {
                        quoted.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        quoted.Append(c);
                    }
                    break;
            }
        }
        return quoted.Append('"').ToString();
    }

    /// <summary>
    /// Writes the fields of one mapping; the first field of a list entry carries the <c>- </c> marker.
    /// </summary>
    private sealed class EntryWriter(StringBuilder yaml, int indent, bool first)
    {
        private bool _first = first;

        public EntryWriter Nested => new(yaml, indent + 2, first: false);

        public void Field(string key, string value) => Line(key, Quote(value));

        public void Plain(string key, string value) => Line(key, value);

        public void Optional(string key, string? value)
        {
            if (value is not null)
            {
                Field(key, value);
            }
        }

        public void OptionalName(string name, string id)
        {
            if (!string.Equals(name, id, StringComparison.Ordinal))
            {
                Field("name", name);
            }
        }

        public void List(string key, IReadOnlyList<string> values)
        {
            if (values.Count > 0)
            {
                Line(key, "[" + string.Join(", ", values.Select(Quote)) + "]");
            }
        }

        public void Key(string key) => Line(key, null);

        private void Line(string key, string? value)
        {
            if (_first)
            {
                yaml.Append(' ', indent - 2).Append("- ");
                _first = false;
            }
            else
            {
                yaml.Append(' ', indent);
            }
            yaml.Append(key).Append(':');
            if (value is not null)
            {
                yaml.Append(' ').Append(value);
            }
            yaml.Append('\n');
        }
    }
}
