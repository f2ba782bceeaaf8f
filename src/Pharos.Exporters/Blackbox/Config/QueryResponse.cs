namespace Pharos.Exporters.Blackbox.Config;

/// <summary>One step of a TCP <c>query_response</c> dialogue: expect a line, send text, or upgrade to TLS.</summary>
internal sealed class QueryResponse
{
    public string? Expect { get; set; }

    public List<ExpectLabel>? Labels { get; set; }

    public string? Send { get; set; }

    public bool Starttls { get; set; }
}
