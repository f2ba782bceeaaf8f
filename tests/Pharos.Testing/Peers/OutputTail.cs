using System.Text;

namespace Pharos.Testing.Peers;

/// <summary>
/// The last lines a peer wrote to stdout and stderr, kept for failure messages. Bounded so a chatty peer that
/// runs for the whole test cannot grow memory without limit; thread-safe because both streams append concurrently.
/// </summary>
internal sealed class OutputTail(int maxLines)
{
    private readonly Queue<string> _lines = new();
    private readonly Lock _lock = new();
    private long _dropped;

    public void Append(string stream, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            _lines.Enqueue($"[{stream}] {line}");
            while (_lines.Count > maxLines)
            {
                _lines.Dequeue();
                _dropped++;
            }
        }
    }

    public override string ToString()
    {
        lock (_lock)
        {
            var text = new StringBuilder();
            if (_dropped > 0)
            {
                text.Append("... ").Append(_dropped).AppendLine(" earlier lines dropped ...");
            }

            foreach (var line in _lines)
            {
                text.AppendLine(line);
            }

            return text.ToString();
        }
    }
}
