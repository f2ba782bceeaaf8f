namespace Pharos.Tsdb.Wal;

/// <summary>The low three bits of a fragment's type byte (Prometheus <c>recType</c>).</summary>
public enum WalFragmentType : byte
{
    /// <summary>A zero byte: the rest of the page is zero padding.</summary>
    PageTerm = 0,

    /// <summary>A whole record in one fragment.</summary>
    Full = 1,

    /// <summary>The first fragment of a record.</summary>
    First = 2,

    /// <summary>A fragment between the first and the last.</summary>
    Middle = 3,

    /// <summary>The last fragment of a record.</summary>
    Last = 4,
}
