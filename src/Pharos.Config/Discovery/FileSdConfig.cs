using System.Text.RegularExpressions;
using Pharos.Model;
using YamlDotNet.RepresentationModel;

namespace Pharos.Config.Discovery;

/// <summary>One entry of <c>file_sd_configs</c>: JSON or YAML files (globs in the last path element) re-read every <see cref="RefreshInterval"/>.</summary>
public sealed partial class FileSdConfig : IServiceDiscoveryConfig
{
    /// <summary>The YAML key of the list.</summary>
    public const string YamlKey = "file_sd_configs";

    /// <inheritdoc />
    public string Key => YamlKey;

    /// <summary>File patterns; relative ones are relative to the configuration file.</summary>
    public List<string> Files { get; set; } = [];

    /// <summary>How often the files are re-read besides change notifications (default 5m).</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <inheritdoc />
    public void WriteTo(YamlMappingNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        node.Add("files", new YamlSequenceNode(Files.Select(f => new YamlScalarNode(f))));
        node.Add("refresh_interval", PrometheusDuration.Format(RefreshInterval));
    }

    internal static IServiceDiscoveryConfig Read(ConfigSection m)
    {
        var c = new FileSdConfig
        {
            Files = m.StringList("files") ?? [],
            RefreshInterval = m.Duration("refresh_interval") ?? TimeSpan.FromMinutes(5),
        };
        m.Finish();
        if (c.Files.Count == 0)
        {
            throw m.Error("file service discovery config must contain at least one path name");
        }

        foreach (var name in c.Files)
        {
            if (!FileName().IsMatch(name.Trim()))
            {
                throw m.Error("files", $"path name \"{name}\" is not valid for file discovery");
            }
        }

        return c;
    }

    // As upstream: a glob only in the last element, and a JSON or YAML extension.
    [GeneratedRegex(@"^[^*]*(\*[^/]*)?\.(json|yml|yaml|JSON|YML|YAML)$")]
    private static partial Regex FileName();
}
