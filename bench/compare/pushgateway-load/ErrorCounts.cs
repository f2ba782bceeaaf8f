using System.Collections.Concurrent;
using System.Net.Sockets;

namespace Pharos.PushgatewayLoad;

/// <summary>
/// Thread-safe error tally by kind (<c>http-400</c>, <c>timeout</c>, <c>socket-ConnectionRefused</c>, …), keeping the
/// first message of each kind for diagnosis.
/// </summary>
internal sealed class ErrorCounts
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _firstMessages = new(StringComparer.Ordinal);

    public long Total => _counts.Values.Sum();

    public void Add(string kind, string message)
    {
        _counts.AddOrUpdate(kind, 1, static (_, n) => n + 1);
        _firstMessages.TryAdd(kind, message.Length > 300 ? message[..300] : message);
    }

    /// <summary>Kinds and counts as <c>kind:count</c> pairs, or <c>none</c>.</summary>
    public string Describe() =>
        _counts.IsEmpty ? "none" : string.Join(",", _counts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}:{p.Value}"));

    /// <summary>The first message seen for each kind, one per line.</summary>
    public IEnumerable<string> FirstMessages() =>
        _firstMessages.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}: {p.Value.Trim()}");

    /// <summary>Names a transport failure by what went wrong rather than by exception type.</summary>
    public static string Classify(Exception e) => e switch
    {
        TaskCanceledException => "timeout",
        HttpRequestException { InnerException: SocketException s } => $"socket-{s.SocketErrorCode}",
        HttpRequestException h => $"http-error-{h.HttpRequestError}",
        _ => e.GetType().Name,
    };
}
