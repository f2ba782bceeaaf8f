namespace Pharos.Exporters.Blackbox.Config;

/// <summary>One module of the modules file: the prober to run, its timeout and the prober's settings.</summary>
internal sealed class ModuleConfig
{
    private DnsProbeConfig _dns = new();

    public string Prober { get; set; } = "";

    public string? Timeout { get; set; }

    public HttpProbeConfig Http { get; set; } = new();

    public TcpProbeConfig Tcp { get; set; } = new();

    public IcmpProbeConfig Icmp { get; set; } = new();

    public DnsProbeConfig Dns
    {
        get => _dns;
        set
        {
            _dns = value;
            DnsGiven = true;
        }
    }

    /// <summary>Whether the file had a <c>dns</c> section (upstream validates the query name only then).</summary>
    [YamlDotNet.Serialization.YamlIgnore]
    public bool DnsGiven { get; private set; }

    public GrpcProbeConfig Grpc { get; set; } = new();

    /// <summary>The parsed <see cref="Timeout"/>; zero when unset (the scrape timeout decides).</summary>
    [YamlDotNet.Serialization.YamlIgnore]
    public TimeSpan TimeoutSpan { get; set; }
}
