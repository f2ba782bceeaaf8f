namespace Pharos.Config;

/// <summary>
/// A configuration file that Prometheus would reject, with where: file, one-based line and column, and the dotted
/// field path (<c>scrape_configs[0].relabel_configs[1].action</c>). <see cref="Reason"/> carries upstream's wording.
/// </summary>
public sealed class ConfigException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="file">The file name as given, or empty for text loaded from memory.</param>
    /// <param name="line">One-based line, or 0 when unknown.</param>
    /// <param name="column">One-based column, or 0 when unknown.</param>
    /// <param name="field">The field path, or empty for the whole document.</param>
    /// <param name="reason">What is wrong.</param>
    public ConfigException(string file, int line, int column, string field, string reason)
        : base(Format(file, line, column, field, reason))
    {
        File = file;
        Line = line;
        Column = column;
        Field = field;
        Reason = reason;
    }

    /// <summary>The file name as given, or empty.</summary>
    public string File { get; }

    /// <summary>One-based line, or 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>One-based column, or 0 when unknown.</summary>
    public int Column { get; }

    /// <summary>The dotted field path, or empty.</summary>
    public string Field { get; }

    /// <summary>What is wrong, in upstream's words where upstream has them.</summary>
    public string Reason { get; }

    /// <summary>The location and reason without the file name: <c>4:5: scrape_configs[0].scrape_timeout: …</c>.</summary>
    public string Describe() => Format("", Line, Column, Field, Reason);

    private static string Format(string file, int line, int column, string field, string reason)
    {
        var where = line > 0 ? $"{line}:{column}" : "";
        var prefix = (file.Length > 0, where.Length > 0) switch
        {
            (true, true) => $"{file}:{where}: ",
            (true, false) => $"{file}: ",
            (false, true) => $"{where}: ",
            _ => "",
        };
        return field.Length > 0 ? $"{prefix}{field}: {reason}" : prefix + reason;
    }
}
