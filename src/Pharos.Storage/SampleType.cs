namespace Pharos.Storage;

/// <summary>The kind of the sample an <see cref="ISampleIterator"/> is positioned on.</summary>
public enum SampleType : byte
{
    /// <summary>No sample: the iterator is exhausted (or failed; see <see cref="ISampleIterator.Error"/>).</summary>
    None,

    /// <summary>A float sample; read it with <see cref="ISampleIterator.At"/>.</summary>
    Float,

    /// <summary>An integer native histogram; read it with <see cref="ISampleIterator.AtHistogram"/> or <see cref="ISampleIterator.AtFloatHistogram"/>.</summary>
    Histogram,

    /// <summary>A float native histogram; read it with <see cref="ISampleIterator.AtFloatHistogram"/>.</summary>
    FloatHistogram,
}
