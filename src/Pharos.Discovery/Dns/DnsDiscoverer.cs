using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Pharos.Config.Discovery;
using Pharos.Discovery.Refresh;
using Pharos.Model;

namespace Pharos.Discovery.Dns;

/// <summary>
/// Resolves names every refresh interval, as upstream's DNS discovery: one group per name (source = the name),
/// one target per SRV, A, AAAA, MX or NS answer, each with <c>__meta_dns_name</c> and the record's target and port
/// labels. A name whose lookup fails sends nothing, so its previous group stays.
/// </summary>
internal sealed partial class DnsDiscoverer : IDiscoverer
{
    /// <summary>The name that was looked up.</summary>
    public const string NameLabel = "__meta_dns_name";

    /// <summary>The SRV record's target, as returned (rooted).</summary>
    public const string SrvRecordTargetLabel = "__meta_dns_srv_record_target";

    /// <summary>The SRV record's port.</summary>
    public const string SrvRecordPortLabel = "__meta_dns_srv_record_port";

    /// <summary>The MX record's exchange, as returned (rooted).</summary>
    public const string MxRecordTargetLabel = "__meta_dns_mx_record_target";

    /// <summary>The NS record's host, as returned (rooted).</summary>
    public const string NsRecordTargetLabel = "__meta_dns_ns_record_target";

    private readonly DnsSdConfig _config;
    private readonly DiscovererOptions _options;
    private readonly DnsRecordType _type;
    private readonly DnsResolver _resolver;
    private readonly ILogger _logger;

    public DnsDiscoverer(DnsSdConfig config, DiscovererOptions options)
    {
        _config = config;
        _options = options;
        _type = config.Type.ToUpperInvariant() switch
        {
            "SRV" => DnsRecordType.SRV,
            "A" => DnsRecordType.A,
            "AAAA" => DnsRecordType.AAAA,
            "MX" => DnsRecordType.MX,
            "NS" => DnsRecordType.NS,
            _ => throw new InvalidOperationException($"invalid DNS-SD records type {config.Type}"),
        };
        _logger = options.LoggerFactory.CreateLogger<DnsDiscoverer>();
        _resolver = new DnsResolver(options.ManagerOptions.ResolvConfPath, options.ManagerOptions.DnsPort, _logger);
    }

    public Task RunAsync(ChannelWriter<IReadOnlyList<DiscoveredTargetGroup>> updates, CancellationToken cancellationToken) =>
        new RefreshDiscoverer("dns", _config.RefreshInterval, RefreshAsync, _options).RunAsync(updates, cancellationToken);

    internal async Task<IReadOnlyList<DiscoveredTargetGroup>> RefreshAsync(CancellationToken cancellationToken)
    {
        var groups = await Task.WhenAll(_config.Names.Select(n => RefreshOneAsync(n, cancellationToken))).ConfigureAwait(false);
        return [.. groups.OfType<DiscoveredTargetGroup>()];
    }

    private async Task<DiscoveredTargetGroup?> RefreshOneAsync(string name, CancellationToken cancellationToken)
    {
        _options.Metrics.DnsLookups.Inc();
        IReadOnlyList<DnsRecord> records;
        try
        {
            records = await _resolver.LookupAsync(name, _type, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DnsException or ArgumentException)
        {
            _options.Metrics.DnsLookupFailures.Inc();
            LogRefreshError(_logger, name, e.Message);
            return null;
        }

        var targets = new List<Labels>(records.Count);
        foreach (var record in records)
        {
            string srvTarget = "", srvPort = "", mxTarget = "", nsTarget = "", address;
            switch (record.Type)
            {
                case DnsRecordType.SRV:
                    srvTarget = record.Target;
                    srvPort = record.Port.ToString(CultureInfo.InvariantCulture);
                    address = HostPort(record.Target.TrimEnd('.'), record.Port);
                    break;
                case DnsRecordType.MX:
                    mxTarget = record.Target;
                    address = HostPort(record.Target.TrimEnd('.'), _config.Port);
                    break;
                case DnsRecordType.NS:
                    nsTarget = record.Target;
                    address = HostPort(record.Target.TrimEnd('.'), _config.Port);
                    break;
                case DnsRecordType.A or DnsRecordType.AAAA when record.Address is not null:
                    address = HostPort(record.Address.ToString(), _config.Port);
                    break;
                case DnsRecordType.CNAME:
                    // Part of the chain to the records asked for.
                    continue;
                default:
                    LogInvalidRecord(_logger, record.Name, record.Type.ToString());
                    continue;
            }

            // Empty values (the labels of the other record types) drop out of the label set.
            targets.Add(Labels.FromStrings(
                LabelNames.Address, address,
                NameLabel, name,
                SrvRecordTargetLabel, srvTarget,
                SrvRecordPortLabel, srvPort,
                MxRecordTargetLabel, mxTarget,
                NsRecordTargetLabel, nsTarget));
        }

        return new DiscoveredTargetGroup(name, targets, Labels.Empty);
    }

    /// <summary>host:port, with an IPv6 address in brackets (Go's <c>net.JoinHostPort</c>).</summary>
    private static string HostPort(string host, int port) =>
        (host.Contains(':', StringComparison.Ordinal) ? "[" + host + "]" : host) + ":" + port.ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Error, Message = "Error refreshing DNS targets for {Name}: {Error}")]
    private static partial void LogRefreshError(ILogger logger, string name, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Invalid record for {Name}: type {Type}")]
    private static partial void LogInvalidRecord(ILogger logger, string name, string type);
}
