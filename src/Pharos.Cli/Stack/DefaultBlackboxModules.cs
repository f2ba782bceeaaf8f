namespace Pharos.Cli.Stack;

/// <summary>
/// The blackbox modules file <c>pharos stack</c> writes to <c>DATA/blackbox.yml</c> when none is there: the
/// modules of blackbox_exporter's example configuration (<c>http_2xx</c>, <c>http_post_2xx</c>, <c>tcp_connect</c>,
/// <c>ssh_banner</c>, <c>icmp</c>, <c>dns_udp</c>), so <c>/probe?module=…</c> works with no config.
/// </summary>
public static class DefaultBlackboxModules
{
    /// <summary>The YAML text, compiled into the executable.</summary>
    public const string Yaml =
        """
        # Default modules written by `pharos stack` (the same modules as blackbox_exporter's example file).
        # Edit freely: this file is only written when absent. Reload with `curl -X POST localhost:9115/-/reload`.
        modules:
          http_2xx:
            prober: http
            timeout: 5s
            http:
              preferred_ip_protocol: ip4
          http_post_2xx:
            prober: http
            timeout: 5s
            http:
              method: POST
          tcp_connect:
            prober: tcp
            timeout: 5s
          ssh_banner:
            prober: tcp
            timeout: 5s
            tcp:
              query_response:
                - expect: "^SSH-2.0-"
                - send: "SSH-2.0-blackbox-ssh-check"
          icmp:
            prober: icmp
            timeout: 5s
          dns_udp:
            prober: dns
            timeout: 5s
            dns:
              transport_protocol: udp
              preferred_ip_protocol: ip4
              query_name: example.com
              query_type: A

        """;

    /// <summary>Writes <see cref="Yaml"/> to <paramref name="path"/> unless a file is already there.</summary>
    /// <param name="path">The modules file.</param>
    /// <returns>Whether the file was written.</returns>
    public static bool WriteIfAbsent(string path)
    {
        if (File.Exists(path))
        {
            return false;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, Yaml);
        return true;
    }
}
