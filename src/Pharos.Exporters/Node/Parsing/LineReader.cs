namespace Pharos.Exporters.Node.Parsing;

/// <summary>Splits a buffer into lines without allocating; the spans point into the buffer.</summary>
/// <param name="data">The file content.</param>
internal ref struct LineReader(ReadOnlySpan<byte> data)
{
    private ReadOnlySpan<byte> _rest = data;

    /// <summary>Moves to the next line (without its newline); empty lines are returned too.</summary>
    /// <param name="line">The line.</param>
    /// <returns>False at the end of the buffer.</returns>
    public bool TryRead(out ReadOnlySpan<byte> line)
    {
        if (_rest.IsEmpty)
        {
            line = default;
            return false;
        }

        var newline = _rest.IndexOf((byte)'\n');
        if (newline < 0)
        {
            line = _rest;
            _rest = default;
        }
        else
        {
            line = _rest[..newline];
            _rest = _rest[(newline + 1)..];
        }

        return true;
    }
}
