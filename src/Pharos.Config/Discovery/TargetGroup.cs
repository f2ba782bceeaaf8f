namespace Pharos.Config.Discovery;

/// <summary>A set of targets sharing labels, as written in <c>static_configs</c> or a file SD file.</summary>
public sealed class TargetGroup
{
    /// <summary>The target addresses (<c>host:port</c>), each becoming a target's <c>__address__</c>.</summary>
    public List<string> Targets { get; set; } = [];

    /// <summary>Labels attached to every target of the group.</summary>
    public List<KeyValuePair<string, string>> Labels { get; set; } = [];

    /// <summary>Where the group came from (for diagnostics), e.g. the index in the list.</summary>
    public string Source { get; set; } = "";
}
