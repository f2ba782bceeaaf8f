using Microsoft.Extensions.Logging;

namespace Pharos.Exporters.Blackbox;

/// <summary>The probe log's messages.</summary>
internal static partial class ProbeLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Resolving target address target={Target}")]
    public static partial void LogResolving(this ILogger logger, string target);

    [LoggerMessage(Level = LogLevel.Information, Message = "Resolved target address target={Target} ip={Ip}")]
    public static partial void LogResolved(this ILogger logger, string target, string ip);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Message} err={Error}")]
    public static partial void LogProbeError(this ILogger logger, string message, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Message}")]
    public static partial void LogProbeInfo(this ILogger logger, string message);
}
