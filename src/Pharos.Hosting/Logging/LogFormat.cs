namespace Pharos.Hosting.Logging;

/// <summary>The log line formats of <c>--log.format</c>, as upstream offers them.</summary>
public enum LogFormat
{
    /// <summary><c>key=value</c> pairs on one line.</summary>
    Logfmt,

    /// <summary>One JSON object per line.</summary>
    Json,
}
