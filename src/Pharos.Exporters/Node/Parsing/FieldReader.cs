namespace Pharos.Exporters.Node.Parsing;

/// <summary>Splits a line into fields separated by runs of spaces or tabs, without allocating.</summary>
/// <param name="line">The line.</param>
internal ref struct FieldReader(ReadOnlySpan<byte> line)
{
    private ReadOnlySpan<byte> _rest = line;

    /// <summary>The unread remainder of the line, leading blanks removed.</summary>
    public readonly ReadOnlySpan<byte> Rest => _rest.TrimStart(" \t"u8);

    /// <summary>Moves to the next field.</summary>
    /// <param name="field">The field.</param>
    /// <returns>False when the line has no more fields.</returns>
    public bool TryRead(out ReadOnlySpan<byte> field)
    {
        _rest = _rest.TrimStart(" \t"u8);
        if (_rest.IsEmpty)
        {
            field = default;
            return false;
        }

        var end = _rest.IndexOfAny(" \t"u8);
        if (end < 0)
        {
            field = _rest;
            _rest = default;
        }
        else
        {
            field = _rest[..end];
            _rest = _rest[end..];
        }

        return true;
    }

    /// <summary>Counts the fields of <paramref name="line"/>.</summary>
    /// <param name="line">The line.</param>
    /// <returns>The number of fields.</returns>
    public static int Count(ReadOnlySpan<byte> line)
    {
        var reader = new FieldReader(line);
        var count = 0;
        while (reader.TryRead(out _))
        {
            count++;
        }

        return count;
    }
}
