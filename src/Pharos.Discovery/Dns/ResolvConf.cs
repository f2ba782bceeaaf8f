using System.Globalization;
using System.Net;

namespace Pharos.Discovery.Dns;

/// <summary>
/// The resolver configuration, read from <c>/etc/resolv.conf</c> as Go's resolver reads it: at most three
/// nameservers, <c>search</c>/<c>domain</c>, and the options <c>ndots</c> (0–15, default 1), <c>timeout</c>
/// (seconds, default 5) and <c>attempts</c> (default 2); a missing file or no nameserver means the local host.
/// </summary>
internal sealed class ResolvConf
{
    private const int MaxNameservers = 3;

    public IReadOnlyList<IPAddress> Nameservers { get; private init; } = [];

    /// <summary>Rooted search domains.</summary>
    public IReadOnlyList<string> Search { get; private init; } = [];

    public int Ndots { get; private init; } = 1;

    public TimeSpan Timeout { get; private init; } = TimeSpan.FromSeconds(5);

    public int Attempts { get; private init; } = 2;

    public bool Rotate { get; private init; }

    /// <summary>Reads a file; a missing or unreadable file gives the defaults, as Go's resolver.</summary>
    public static ResolvConf Load(string path)
    {
        try
        {
            return Parse(System.IO.File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Parse("");
        }
    }

    public static ResolvConf Parse(string text)
    {
        var servers = new List<IPAddress>();
        var search = new List<string>();
        int ndots = 1, attempts = 2, timeoutSeconds = 5;
        var rotate = false;
        foreach (var rawLine in text.Split('\n'))
        {
            var fields = rawLine.Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0 || fields[0].StartsWith('#') || fields[0].StartsWith(';'))
            {
                continue;
            }

            switch (fields[0])
            {
                case "nameserver" when fields.Length > 1 && servers.Count < MaxNameservers:
                    // A zone suffix (fe80::1%eth0) is allowed, as Go's parser accepts it.
                    if (IPAddress.TryParse(fields[1], out var ip))
                    {
                        servers.Add(ip);
                    }

                    break;
                case "domain" when fields.Length > 1:
                    search = [Rooted(fields[1])];
                    break;
                case "search":
                    search = [.. fields.Skip(1).Where(f => f != ".").Select(Rooted)];
                    break;
                case "options":
                    foreach (var option in fields.Skip(1))
                    {
                        if (TryOption(option, "ndots:", out var n))
                        {
                            ndots = Math.Clamp(n, 0, 15);
                        }
                        else if (TryOption(option, "timeout:", out n))
                        {
                            timeoutSeconds = Math.Max(n, 1);
                        }
                        else if (TryOption(option, "attempts:", out n))
                        {
                            attempts = Math.Max(n, 1);
                        }
                        else if (option == "rotate")
                        {
                            rotate = true;
                        }
                    }

                    break;
            }
        }

        if (servers.Count == 0)
        {
            servers = [IPAddress.Loopback, IPAddress.IPv6Loopback];
        }

        return new ResolvConf
        {
            Nameservers = servers,
            Search = search,
            Ndots = ndots,
            Timeout = TimeSpan.FromSeconds(timeoutSeconds),
            Attempts = attempts,
            Rotate = rotate,
        };
    }

    /// <summary>
    /// The names to try for <paramref name="name"/>, in order: a rooted name alone; otherwise the name itself first
    /// when it has at least <see cref="Ndots"/> dots, then each search domain appended, then the name itself last.
    /// </summary>
    public IReadOnlyList<string> NameList(string name)
    {
        if (name.EndsWith('.'))
        {
            return [name];
        }

        var hasNdots = name.Count(c => c == '.') >= Ndots;
        var rooted = name + ".";
        var names = new List<string>(Search.Count + 1);
        if (hasNdots)
        {
            names.Add(rooted);
        }

        // Names longer than DNS allows are skipped, as Go does.
        names.AddRange(Search.Select(s => rooted + s).Where(n => n.Length <= 254));
        if (!hasNdots)
        {
            names.Add(rooted);
        }

        return names;
    }

    private static string Rooted(string name) => name.EndsWith('.') ? name : name + ".";

    private static bool TryOption(string option, string prefix, out int value)
    {
        value = 0;
        return option.StartsWith(prefix, StringComparison.Ordinal)
            && int.TryParse(option.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
