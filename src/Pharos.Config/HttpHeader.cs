namespace Pharos.Config;

/// <summary>One entry of <c>http_headers</c>: plain values, secret values and files whose content is a value.</summary>
public sealed class HttpHeader
{
    /// <summary>Values sent as written.</summary>
    public List<string> Values { get; set; } = [];

    /// <summary>Values hidden when the configuration is printed.</summary>
    public List<string> Secrets { get; set; } = [];

    /// <summary>Files whose content is sent as a value.</summary>
    public List<string> Files { get; set; } = [];
}
