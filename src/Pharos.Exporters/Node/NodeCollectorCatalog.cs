using Pharos.Exporters.Node.Collectors;

namespace Pharos.Exporters.Node;

/// <summary>
/// The node collectors Pharos implements, with upstream's default state for each (all of these are on by
/// default upstream), and the factory that builds them from the flag values.
/// </summary>
public static class NodeCollectorCatalog
{
    private static readonly (string Name, bool DefaultEnabled, Func<NodeCollectorOptions, INodeCollector> Create)[] Entries =
    [
        ("conntrack", true, o => new ConntrackCollector(o.Paths)),
        ("cpu", true, o => new CpuCollector(o)),
        ("cpufreq", true, o => new CpufreqCollector(o.Paths)),
        ("diskstats", true, o => new DiskstatsCollector(o)),
        ("edac", true, o => new EdacCollector(o.Paths)),
        ("entropy", true, o => new EntropyCollector(o.Paths)),
        ("filefd", true, o => new FilefdCollector(o.Paths)),
        ("filesystem", true, o => new FilesystemCollector(o)),
        ("hwmon", true, o => new HwmonCollector(o.Paths)),
        ("loadavg", true, o => new LoadavgCollector(o.Paths)),
        ("mdadm", true, o => new MdadmCollector(o.Paths)),
        ("meminfo", true, o => new MeminfoCollector(o.Paths)),
        ("netdev", true, o => new NetdevCollector(o)),
        ("netstat", true, o => new NetstatCollector(o)),
        ("os", true, o => new OsCollector(o.Paths)),
        ("pressure", true, o => new PressureCollector(o.Paths)),
        ("sockstat", true, o => new SockstatCollector(o.Paths)),
        ("stat", true, o => new StatCollector(o.Paths)),
        ("textfile", true, o => new TextfileCollector(o)),
        ("thermal_zone", true, o => new ThermalZoneCollector(o.Paths)),
        ("time", true, o => new TimeCollector(o)),
        ("timex", true, _ => new TimexCollector()),
        ("uname", true, _ => new UnameCollector()),
        ("vmstat", true, o => new VmstatCollector(o)),
    ];

    /// <summary>The collector names with their default state, sorted by name.</summary>
    public static IEnumerable<(string Name, bool DefaultEnabled)> Collectors => Entries.Select(e => (e.Name, e.DefaultEnabled));

    /// <summary>Builds one collector.</summary>
    /// <param name="name">The collector name.</param>
    /// <param name="options">The flag values.</param>
    /// <returns>The collector.</returns>
    /// <exception cref="ArgumentException">The name is unknown.</exception>
    public static INodeCollector Create(string name, NodeCollectorOptions options)
    {
        foreach (var entry in Entries)
        {
            if (entry.Name == name)
            {
                return entry.Create(options);
            }
        }

        throw new ArgumentException($"unknown collector '{name}'", nameof(name));
    }

    /// <summary>Builds the collectors whose state in <paramref name="enabled"/> is true.</summary>
    /// <param name="enabled">Collector name to enabled state, after defaults and flags are applied.</param>
    /// <param name="options">The flag values.</param>
    /// <returns>The enabled collectors.</returns>
    public static IReadOnlyList<INodeCollector> CreateEnabled(IReadOnlyDictionary<string, bool> enabled, NodeCollectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(enabled);
        return [.. Entries.Where(e => enabled.TryGetValue(e.Name, out var on) && on).Select(e => e.Create(options))];
    }
}
