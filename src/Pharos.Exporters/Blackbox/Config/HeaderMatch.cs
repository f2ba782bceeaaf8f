namespace Pharos.Exporters.Blackbox.Config;

/// <summary>One entry of <c>fail_if_header_matches</c> / <c>fail_if_header_not_matches</c>.</summary>
internal sealed class HeaderMatch
{
    public string Header { get; set; } = "";

    public string Regexp { get; set; } = "";

    public bool AllowMissing { get; set; }
}
