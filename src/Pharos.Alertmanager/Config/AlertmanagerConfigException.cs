namespace Pharos.Alertmanager.Config;

/// <summary>An invalid Alertmanager configuration, located at a file, line, column and field path.</summary>
public sealed class AlertmanagerConfigException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="file">The file (empty for text without a file).</param>
    /// <param name="line">The 1-based line, or 0 when unknown.</param>
    /// <param name="column">The 1-based column, or 0 when unknown.</param>
    /// <param name="field">The dotted field path, or empty.</param>
    /// <param name="reason">What is wrong, in upstream's words.</param>
    public AlertmanagerConfigException(string file, int line, int column, string field, string reason)
        : base(Format(file, line, column, field, reason))
    {
        File = file;
        Line = line;
        Column = column;
        Field = field;
        Reason = reason;
    }

    /// <summary>The file.</summary>
    public string File { get; }

    /// <summary>The 1-based line, or 0.</summary>
    public int Line { get; }

    /// <summary>The 1-based column, or 0.</summary>
    public int Column { get; }

    /// <summary>The field path.</summary>
    public string Field { get; }

    /// <summary>Upstream's reason text.</summary>
    public string Reason { get; }

    private static string Format(string file, int line, int column, string field, string reason)
    {
        var where = line > 0 ? $"{file}:{line}:{column}: " : (file.Length > 0 ? file + ": " : "");
        return field.Length > 0 ? $"{where}{field}: {reason}" : where + reason;
    }
}
