using Pharos.Config;
using Pharos.Exposition.Negotiation;
using Pharos.Model.Relabel;
using ConfigProtocols = Pharos.Config.ScrapeProtocols;
using ExpositionProtocols = Pharos.Exposition.Negotiation.ScrapeProtocols;

namespace Pharos.Scrape;

/// <summary>
/// What every loop of a pool shares, derived once from the job's <see cref="ScrapeConfig"/>: the HTTP client, the
/// <c>Accept</c> header, the fallback protocol, the limits and the relabeling rules. Immutable except for the client,
/// which is disposed with the job.
/// </summary>
internal sealed class ScrapeJob : IDisposable
{
    public ScrapeJob(ScrapeConfig config, TimeProvider time, string userAgent)
    {
        Config = config;
        UserAgent = userAgent;
        TargetSettings = config.ToTargetSettings();
        var protocols = new List<ScrapeProtocol>();
        foreach (var name in config.ScrapeProtocols.Count > 0 ? config.ScrapeProtocols : ConfigProtocols.Default)
        {
            if (ExpositionProtocols.TryParse(name, out var protocol))
            {
                protocols.Add(protocol);
            }
        }

        var escaping = ExpositionProtocols.TryParseEscaping(config.MetricNameEscapingScheme, out var scheme) ? scheme : NameEscapingScheme.AllowUtf8;
        AcceptHeader = ExpositionProtocols.BuildAcceptHeader(protocols, escaping);
        Fallback = ExpositionProtocols.TryParse(config.FallbackScrapeProtocol, out var fallback) ? fallback : null;
        Client = new ScrapeHttpClient(config.HttpClientConfig, time);
    }

    public ScrapeConfig Config { get; }

    public string JobName => Config.JobName;

    public ScrapeTargetSettings TargetSettings { get; }

    public string AcceptHeader { get; }

    public ScrapeProtocol? Fallback { get; }

    public ScrapeHttpClient Client { get; }

    public string UserAgent { get; }

    public void Dispose() => Client.Dispose();
}
