using Pharos.Exporters.Node;

namespace Pharos.Exporters.Tests.Node;

/// <summary>Each collector against the hand-written proc/sys tree under <c>Fixtures/basic</c>.</summary>
public sealed class CollectorFixtureTests
{
    public static TheoryData<string, string[]> Expectations => new()
    {
        {
            "cpu",
            [
                "# HELP node_cpu_seconds_total Seconds the CPUs spent in each mode.",
                "# TYPE node_cpu_seconds_total counter",
                "node_cpu_seconds_total{cpu=\"0\",mode=\"user\"} 444.9",
                "node_cpu_seconds_total{cpu=\"1\",mode=\"idle\"} 11107.87",
                "node_cpu_seconds_total{cpu=\"1\",mode=\"steal\"} 0",
                "node_cpu_guest_seconds_total{cpu=\"1\",mode=\"user\"} 0.44",
                "node_cpu_guest_seconds_total{cpu=\"1\",mode=\"nice\"} 0.36",
            ]
        },
        {
            "stat",
            [
                "node_intr_total 8.885917e+06", "node_context_switches_total 3.8014093e+07", "node_forks_total 26442",
                "node_boot_time_seconds 1.418183276e+09", "node_procs_running 2", "node_procs_blocked 1",
                "# TYPE node_boot_time_seconds gauge", "# TYPE node_forks_total counter",
            ]
        },
        {
            "meminfo",
            [
                "# HELP node_memory_MemTotal_bytes Memory information field MemTotal_bytes.",
                "node_memory_MemTotal_bytes 1.6042172416e+10", "node_memory_Active_anon_bytes 2.118127616e+09",
                "node_memory_HugePages_Total 0", "node_memory_Hugepagesize_bytes 2.097152e+06",
            ]
        },
        { "loadavg", ["# HELP node_load1 1m load average.", "# TYPE node_load1 gauge", "node_load1 0.21", "node_load5 0.37", "node_load15 0.39"] },
        { "filefd", ["node_filefd_allocated 1024", "node_filefd_maximum 1.631329e+06"] },
        { "entropy", ["node_entropy_available_bits 1337", "node_entropy_pool_size_bits 4096"] },
        {
            "conntrack",
            [
                "node_nf_conntrack_entries 123", "node_nf_conntrack_entries_limit 65536", "node_nf_conntrack_stat_found 1",
                "node_nf_conntrack_stat_invalid 7", "node_nf_conntrack_stat_ignore 11", "node_nf_conntrack_stat_search_restart 5",
            ]
        },
        {
            "diskstats",
            [
                "node_disk_reads_completed_total{device=\"sda\"} 2.5354637e+07",
                "node_disk_read_bytes_total{device=\"sda\"} 5.13713216512e+11",
                "node_disk_read_time_seconds_total{device=\"sda\"} 18492.372",
                "node_disk_io_now{device=\"sda\"} 0",
                "node_disk_flush_requests_total{device=\"sda\"} 4",
                "node_disk_flush_requests_time_seconds_total{device=\"sda\"} 1",
                "node_disk_written_bytes_total{device=\"vda\"} 2.097152e+06",
                "node_disk_info{device=\"sda\",major=\"8\",minor=\"0\",path=\"pci-0000:00:1f.2-ata-1\",wwn=\"0x500080d00100c7e3\",model=\"TOSHIBA_KSG60ZMV256G\",serial=\"Z7HA00C8\",revision=\"ADHA0101\"} 1",
                "node_disk_info{device=\"vda\",major=\"254\",minor=\"0\",path=\"\",wwn=\"\",model=\"\",serial=\"\",revision=\"\"} 1",
            ]
        },
        {
            "netdev",
            [
                "# HELP node_network_receive_bytes_total Network device statistic receive_bytes.",
                "node_network_receive_bytes_total{device=\"eth0\"} 6.8210035552e+10",
                "node_network_receive_bytes_total{device=\"lo\"} 4.35303245e+08",
                "node_network_receive_multicast_total{device=\"eth0\"} 5",
                "node_network_transmit_carrier_total{device=\"eth0\"} 10",
                "node_network_transmit_compressed_total{device=\"eth0\"} 11",
            ]
        },
        {
            "netstat",
            [
                "# HELP node_netstat_Tcp_InSegs Statistic TcpInSegs.", "# TYPE node_netstat_Tcp_InSegs untyped",
                "node_netstat_Tcp_InSegs 5.7252008e+07", "node_netstat_Tcp_CurrEstab 5", "node_netstat_Ip_Forwarding 1",
                "node_netstat_IpExt_InOctets 6.28639697e+09", "node_netstat_TcpExt_ListenOverflows 2",
                "node_netstat_TcpExt_TCPTimeouts 115", "node_netstat_Udp_RcvbufErrors 9", "node_netstat_Ip6_InOctets 1440",
                "node_netstat_Udp6_InErrors 3",
            ]
        },
        {
            "sockstat",
            [
                "# HELP node_sockstat_sockets_used Number of IPv4 sockets in use.", "node_sockstat_sockets_used 229",
                "# HELP node_sockstat_TCP_tw Number of TCP sockets in state tw.", "node_sockstat_TCP_tw 4",
                $"node_sockstat_TCP_mem_bytes {Environment.SystemPageSize}", "node_sockstat_FRAG_memory 0", "node_sockstat_TCP6_inuse 17",
            ]
        },
        { "vmstat", ["# TYPE node_vmstat_pgpgin untyped", "node_vmstat_pgpgin 7.344136e+06", "node_vmstat_pgmajfault 5", "node_vmstat_oom_kill 0"] },
        {
            "pressure",
            [
                "node_pressure_cpu_waiting_seconds_total 14.036781", "node_pressure_io_waiting_seconds_total 159.886802",
                "node_pressure_io_stalled_seconds_total 159.229614", "node_pressure_memory_stalled_seconds_total 0",
            ]
        },
        {
            "mdadm",
            [
                "node_md_state{device=\"md3\",state=\"active\"} 1", "node_md_state{device=\"md6\",state=\"recovering\"} 1",
                "node_md_disks{device=\"md6\",state=\"failed\"} 1", "node_md_disks{device=\"md6\",state=\"active\"} 1",
                "node_md_disks_required{device=\"md3\"} 8", "node_md_blocks{device=\"md3\"} 5.853468288e+09",
                "node_md_blocks_synced{device=\"md6\"} 1.6775552e+07",
            ]
        },
        {
            "hwmon",
            [
                "node_hwmon_chip_names{chip=\"coretemp\",chip_name=\"coretemp\"} 1",
                "# HELP node_hwmon_temp_celsius Hardware monitor for temperature (input)",
                "node_hwmon_temp_celsius{chip=\"coretemp\",sensor=\"temp1\"} 55",
                "node_hwmon_temp_max_celsius{chip=\"coretemp\",sensor=\"temp1\"} 84",
                "node_hwmon_temp_alarm{chip=\"coretemp\",sensor=\"temp1\"} 0",
                "node_hwmon_sensor_label{chip=\"coretemp\",label=\"Core 0\",sensor=\"temp1\"} 1",
                "node_hwmon_fan_rpm{chip=\"coretemp\",sensor=\"fan1\"} 1098", "node_hwmon_in_volts{chip=\"coretemp\",sensor=\"in0\"} 0.792",
            ]
        },
        { "thermal_zone", ["node_thermal_zone_temp{type=\"x86_pkg_temp\",zone=\"0\"} 12.376"] },
        {
            "edac",
            [
                "node_edac_correctable_errors_total{controller=\"0\"} 1", "node_edac_uncorrectable_errors_total{controller=\"0\"} 0",
                "node_edac_csrow_correctable_errors_total{controller=\"0\",csrow=\"unknown\"} 2",
                "node_edac_csrow_uncorrectable_errors_total{controller=\"0\",csrow=\"0\"} 4",
            ]
        },
        {
            "os",
            [
                "node_os_info{build_id=\"\",id=\"ubuntu\",id_like=\"debian\",image_id=\"\",image_version=\"\",name=\"Ubuntu\",pretty_name=\"Ubuntu 22.04.1 LTS\",variant=\"\",variant_id=\"\",version=\"22.04.1 LTS (Jammy Jellyfish)\",version_codename=\"jammy\",version_id=\"22.04\"} 1",
                "node_os_version{id=\"ubuntu\",id_like=\"debian\",name=\"Ubuntu\"} 22.04",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(Expectations))]
    public void Collector_exposes_upstream_names_labels_and_values(string collector, string[] expectedLines)
    {
        var text = NodeScrape.Text(NodeScrape.Create(collector));
        var lines = text.Split('\n').ToHashSet(StringComparer.Ordinal);
        Assert.Contains($"node_scrape_collector_success{{collector=\"{collector}\"}} 1", lines);
        var missing = expectedLines.Where(l => !lines.Contains(l)).ToArray();
        Assert.True(missing.Length == 0, $"missing lines:\n{string.Join('\n', missing)}\n--- exposition:\n{text}");
    }

    [Fact]
    public void Diskstats_skips_partitions_and_loop_devices_by_default()
    {
        var samples = NodeScrape.Samples(NodeScrape.Text(NodeScrape.Create("diskstats")));
        Assert.DoesNotContain(samples, s => s.Contains("sda1", StringComparison.Ordinal) || s.Contains("loop0", StringComparison.Ordinal));
    }

    [Fact]
    public void Netdev_device_exclude_drops_matching_interfaces()
    {
        var options = new NodeCollectorOptions { Paths = NodeScrape.FixturePaths(), NetdevDeviceExclude = new("^lo$") };
        var samples = NodeScrape.Samples(NodeScrape.Text(NodeScrape.Create("netdev", options)));
        Assert.DoesNotContain(samples, s => s.Contains("device=\"lo\"", StringComparison.Ordinal));
        Assert.Contains(samples, s => s.Contains("device=\"eth0\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_subsystems_fail_only_their_collector()
    {
        var empty = new NodeCollectorOptions { Paths = new NodePaths("/nonexistent/proc", "/nonexistent/sys", "/nonexistent", "/nonexistent/udev") };
        var text = NodeScrape.Text(NodeScrape.Create("mdadm", empty), NodeScrape.Create("hwmon", empty), NodeScrape.Create("loadavg"));
        Assert.Contains("node_scrape_collector_success{collector=\"mdadm\"} 0", text, StringComparison.Ordinal);
        Assert.Contains("node_scrape_collector_success{collector=\"hwmon\"} 0", text, StringComparison.Ordinal);
        Assert.Contains("node_scrape_collector_success{collector=\"loadavg\"} 1", text, StringComparison.Ordinal);
    }
}
