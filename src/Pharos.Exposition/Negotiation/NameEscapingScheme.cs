namespace Pharos.Exposition.Negotiation;

/// <summary>
/// How metric and label names outside the legacy character set are made safe for a consumer, as negotiated by the
/// <c>escaping</c> media-type parameter (prometheus/common <c>model.EscapingScheme</c>).
/// </summary>
public enum NameEscapingScheme : byte
{
    /// <summary><c>allow-utf-8</c>: names are sent as they are, quoted where needed.</summary>
    AllowUtf8 = 0,

    /// <summary><c>underscores</c>: every invalid character becomes <c>_</c>.</summary>
    Underscores,

    /// <summary><c>dots</c>: dots become <c>_dot_</c>, underscores <c>__</c>, other invalid characters <c>__</c>.</summary>
    Dots,

    /// <summary><c>values</c>: <c>U__</c> prefix and <c>_hex_</c> code points, reversible.</summary>
    Values,
}
