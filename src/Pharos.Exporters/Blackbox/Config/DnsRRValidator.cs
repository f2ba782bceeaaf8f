namespace Pharos.Exporters.Blackbox.Config;

/// <summary>Regular expressions checked against one section of a DNS response (<c>validate_answer_rrs</c>, …).</summary>
internal sealed class DnsRRValidator
{
    public List<string>? FailIfMatchesRegexp { get; set; }

    public List<string>? FailIfAllMatchRegexp { get; set; }

    public List<string>? FailIfNotMatchesRegexp { get; set; }

    public List<string>? FailIfNoneMatchesRegexp { get; set; }
}
