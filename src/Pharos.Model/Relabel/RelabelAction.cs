namespace Pharos.Model.Relabel;

/// <summary>What a relabeling rule does; the YAML spelling is the lower-case name (<c>keepequal</c>, <c>labelmap</c>, …).</summary>
public enum RelabelAction : byte
{
    /// <summary>Writes the expanded replacement into the expanded target label when the regex matches.</summary>
    Replace,

    /// <summary>Drops the label set unless the joined source values match the regex.</summary>
    Keep,

    /// <summary>Drops the label set when the joined source values match the regex.</summary>
    Drop,

    /// <summary>Drops the label set unless the joined source values equal the target label's value.</summary>
    KeepEqual,

    /// <summary>Drops the label set when the joined source values equal the target label's value.</summary>
    DropEqual,

    /// <summary>Sets the target label to the MD5 of the joined source values modulo the modulus.</summary>
    HashMod,

    /// <summary>Copies every label whose name matches the regex to the name given by the expanded replacement.</summary>
    LabelMap,

    /// <summary>Removes every label whose name matches the regex.</summary>
    LabelDrop,

    /// <summary>Removes every label whose name does not match the regex.</summary>
    LabelKeep,

    /// <summary>Sets the target label to the joined source values in lower case.</summary>
    Lowercase,

    /// <summary>Sets the target label to the joined source values in upper case.</summary>
    Uppercase,
}
