using System.Text;

namespace Pharos.PushgatewayLoad;

/// <summary>Prints runs side by side as a Markdown table, one column per run.</summary>
internal static class ComparisonTable
{
    private static readonly (string Key, string Label)[] Rows =
    [
        ("pushers", "pushers × duration (s)"),
        ("pushes_ok", "successful pushes"),
        ("pushes_per_s", "pushes/s"),
        ("push_p50_ms", "push p50 (ms)"),
        ("push_p90_ms", "push p90 (ms)"),
        ("push_p99_ms", "push p99 (ms)"),
        ("push_max_ms", "push max (ms)"),
        ("errors_total", "errors"),
        ("errors", "errors by kind"),
        ("scrapes", "scrapes"),
        ("scrape_p50_ms", "scrape p50 (ms)"),
        ("scrape_p99_ms", "scrape p99 (ms)"),
        ("scrape_max_ms", "scrape max (ms)"),
        ("groups_last", "groups in last scrape"),
        ("samples_last", "samples in last scrape"),
        ("body_bytes_last", "last scrape body (bytes)"),
        ("rss_start_mib", "RSS before load (MiB)"),
        ("rss_peak_mib", "RSS peak, 1 s samples (MiB)"),
        ("rss_final_mib", "RSS final (MiB)"),
        ("rss_hwm_mib", "VmHWM (MiB)"),
        ("cpu_s", "server CPU during run (s)"),
        ("loadavg_start", "load average before"),
        ("loadavg_end", "load average after"),
    ];

    public static string Render(IReadOnlyList<(string Name, LoadResult Result)> runs)
    {
        var table = new StringBuilder();
        table.Append("| |");
        foreach (var (name, _) in runs)
        {
            table.Append(' ').Append(name).Append(" |");
        }

        table.Append("\n|---|");
        foreach (var _ in runs)
        {
            table.Append("---:|");
        }

        table.Append('\n');
        foreach (var (key, label) in Rows)
        {
            table.Append("| ").Append(label).Append(" |");
            foreach (var (_, result) in runs)
            {
                var value = key == "pushers" ? $"{result["pushers"]} × {result["duration_s"]}" : result[key];
                table.Append(' ').Append(value).Append(" |");
            }

            table.Append('\n');
        }

        return table.ToString();
    }
}
