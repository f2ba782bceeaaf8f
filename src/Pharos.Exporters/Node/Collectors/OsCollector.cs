using System.Globalization;
using System.Text;
using Pharos.Exporters.Node.Parsing;

namespace Pharos.Exporters.Node.Collectors;

/// <summary>
/// <c>os</c>: <c>/etc/os-release</c> (or <c>/usr/lib/os-release</c>) under the root file system as
/// <c>node_os_info</c> and the numeric major.minor of <c>VERSION_ID</c> as <c>node_os_version</c>.
/// </summary>
internal sealed class OsCollector(NodePaths paths) : INodeCollector
{
    private static readonly (string Label, string Key)[] InfoLabels =
    [
        ("build_id", "BUILD_ID"), ("id", "ID"), ("id_like", "ID_LIKE"), ("image_id", "IMAGE_ID"),
        ("image_version", "IMAGE_VERSION"), ("name", "NAME"), ("pretty_name", "PRETTY_NAME"), ("variant", "VARIANT"),
        ("variant_id", "VARIANT_ID"), ("version", "VERSION"), ("version_codename", "VERSION_CODENAME"),
        ("version_id", "VERSION_ID"),
    ];

    public string Name => "os";

    public void Update(MetricBatch batch)
    {
        if (!ProcFile.TryRead(paths.Root("etc/os-release"), out var data) &&
            !ProcFile.TryRead(paths.Root("usr/lib/os-release"), out data))
        {
            throw NodeCollectorException.Missing("no os-release file under the root file system");
        }

        var fields = Parse(Encoding.UTF8.GetString(data));
        string Get(string key) => fields.TryGetValue(key, out var v) ? v : string.Empty;
        var labels = new (string, string)[InfoLabels.Length];
        for (var i = 0; i < InfoLabels.Length; i++)
        {
            labels[i] = (InfoLabels[i].Label, Get(InfoLabels[i].Key));
        }

        batch.Gauge(
            "node_os_info",
            "A metric with a constant '1' value labeled by build_id, id, id_like, image_id, image_version, name, pretty_name, variant, variant_id, version, version_codename, version_id.",
            1,
            labels);
        if (TryParseVersion(Get("VERSION_ID"), out var version))
        {
            batch.Gauge(
                "node_os_version",
                "Metric containing the major.minor part of the OS version.",
                version,
                ("id", Get("ID")),
                ("id_like", Get("ID_LIKE")),
                ("name", Get("NAME")));
        }
    }

    /// <summary>Parses os-release's shell-like <c>KEY=value</c> lines, with single, double or no quotes.</summary>
    internal static Dictionary<string, string> Parse(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (line.Length == 0 || line[0] == '#' || equals <= 0)
            {
                continue;
            }

            var value = line[(equals + 1)..];
            if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0])
            {
                var quote = value[0];
                value = value[1..^1];
                if (quote == '"')
                {
                    var builder = new StringBuilder(value.Length);
                    for (var i = 0; i < value.Length; i++)
                    {
                        if (value[i] == '\\' && i + 1 < value.Length && value[i + 1] is '"' or '\\' or '$' or '`')
                        {
                            i++;
                        }

                        builder.Append(value[i]);
                    }

                    value = builder.ToString();
                }
            }

            result[line[..equals]] = value;
        }

        return result;
    }

    /// <summary>Reads the leading <c>major[.minor]</c> of a version string such as <c>22.04</c> or <c>12</c>.</summary>
    internal static bool TryParseVersion(string versionId, out double version)
    {
        var end = 0;
        var dots = 0;
        while (end < versionId.Length && (char.IsAsciiDigit(versionId[end]) || (versionId[end] == '.' && dots++ == 0)))
        {
            end++;
        }

        var text = versionId[..end].TrimEnd('.');
        return double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out version) && text.Length > 0;
    }
}
