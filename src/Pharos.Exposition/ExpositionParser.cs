using Pharos.Exposition.OpenMetrics;
using Pharos.Exposition.Protobuf;
using Pharos.Exposition.Text;
using Pharos.Model;

namespace Pharos.Exposition;

/// <summary>
/// A pull parser over one exposition payload. Call <see cref="Reset"/> with a payload, then <see cref="Next"/> until it
/// returns <see cref="ExpositionEntry.EndOfInput"/>; after each entry read the members that entry documents.
/// </summary>
/// <remarks>
/// Single-use per payload and not thread-safe; reuse one instance per scrape loop. Every span returned is valid only
/// until the next call to <see cref="Next"/> or <see cref="Reset"/>, and the input memory must stay unchanged until then.
/// Steady-state parsing allocates nothing; <see cref="GetLabels"/>, <see cref="TryGetExemplar"/> and the histogram
/// accessors allocate and are meant for a cache miss.
/// </remarks>
public abstract class ExpositionParser
{
    /// <summary>Creates a parser in <paramref name="mode"/>.</summary>
    /// <param name="mode">How strictly to apply the format's rules.</param>
    protected ExpositionParser(ParserMode mode) => Mode = mode;

    /// <summary>How strictly this parser applies the format's rules.</summary>
    public ParserMode Mode { get; }

    /// <summary>The format this parser reads.</summary>
    public abstract ExpositionFormat Format { get; }

    /// <summary>The family name, after <see cref="ExpositionEntry.Type"/>, <see cref="ExpositionEntry.Help"/> or <see cref="ExpositionEntry.Unit"/>.</summary>
    public abstract ReadOnlySpan<byte> FamilyName { get; }

    /// <summary>The declared type, after <see cref="ExpositionEntry.Type"/>.</summary>
    public abstract MetricType Type { get; }

    /// <summary>The help text with escapes resolved, after <see cref="ExpositionEntry.Help"/>.</summary>
    public abstract ReadOnlySpan<byte> Help { get; }

    /// <summary>The unit, after <see cref="ExpositionEntry.Unit"/>.</summary>
    public abstract ReadOnlySpan<byte> Unit { get; }

    /// <summary>The whole comment line (starting with <c>#</c>), after <see cref="ExpositionEntry.Comment"/>.</summary>
    public abstract ReadOnlySpan<byte> Comment { get; }

    /// <summary>
    /// Bytes that identify the series, after <see cref="ExpositionEntry.Series"/> or <see cref="ExpositionEntry.Histogram"/>:
    /// for text formats the raw <c>name{labels}</c> slice, for protobuf a stable encoding of name and labels. Equal
    /// bytes mean the same series within one format, so this is the key of a scrape cache.
    /// </summary>
    public abstract ReadOnlySpan<byte> Series { get; }

    /// <summary>The sample value, after <see cref="ExpositionEntry.Series"/>.</summary>
    public abstract double Value { get; }

    /// <summary>Whether the current sample carried a timestamp.</summary>
    public abstract bool HasTimestamp { get; }

    /// <summary>The sample timestamp in milliseconds since the Unix epoch, when <see cref="HasTimestamp"/>.</summary>
    public abstract long TimestampMs { get; }

    /// <summary>Whether the current <see cref="ExpositionEntry.Histogram"/> entry has float counts.</summary>
    public virtual bool IsFloatHistogram => false;

    /// <summary>Creates a parser for <paramref name="format"/>.</summary>
    /// <param name="format">The exposition format.</param>
    /// <param name="mode">How strictly to apply the format's rules.</param>
    /// <returns>A reusable parser; call <see cref="Reset"/> before parsing.</returns>
    public static ExpositionParser Create(ExpositionFormat format, ParserMode mode) => format switch
    {
        ExpositionFormat.PrometheusText => new PrometheusTextParser(mode),
        ExpositionFormat.OpenMetricsText => new OpenMetricsTextParser(mode),
        ExpositionFormat.Protobuf => new ProtobufParser(mode),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown exposition format."),
    };

    /// <summary>Starts parsing <paramref name="input"/>, forgetting all state of the previous payload.</summary>
    /// <param name="input">The whole payload; it must not change until parsing is done.</param>
    public abstract void Reset(ReadOnlyMemory<byte> input);

    /// <summary>Advances to the next entry.</summary>
    /// <returns>The kind of entry found, or <see cref="ExpositionEntry.EndOfInput"/>.</returns>
    /// <exception cref="ExpositionParseException">The input is malformed; no other exception is thrown.</exception>
    public abstract ExpositionEntry Next();

    /// <summary>
    /// Clears <paramref name="builder"/> and adds <c>__name__</c> and the labels of the current series, unescaped.
    /// Allocates strings: call it only when <see cref="Series"/> is not already known.
    /// </summary>
    /// <param name="builder">The builder to fill.</param>
    public abstract void GetLabels(LabelsBuilder builder);

    /// <summary>The exemplar attached to the current sample, if any.</summary>
    /// <param name="exemplar">The exemplar.</param>
    /// <returns>False when the sample has no exemplar (or no further exemplar).</returns>
    public abstract bool TryGetExemplar(out Exemplar exemplar);

    /// <summary>
    /// The created timestamp of the current series, when the format states it (OpenMetrics <c>_created</c> samples
    /// seen earlier in the family, protobuf <c>created_timestamp</c>).
    /// </summary>
    /// <param name="createdMs">Milliseconds since the Unix epoch.</param>
    /// <returns>False when unknown.</returns>
    public virtual bool TryGetCreatedTimestamp(out long createdMs)
    {
        createdMs = 0;
        return false;
    }

    /// <summary>
    /// Copies the current native histogram into <paramref name="histogram"/> (integer counts are converted), after
    /// <see cref="ExpositionEntry.Histogram"/>. Arrays of <paramref name="histogram"/> are reused when their length fits.
    /// </summary>
    /// <param name="histogram">The histogram to overwrite.</param>
    /// <exception cref="InvalidOperationException">The current entry is not a histogram.</exception>
    public virtual void GetFloatHistogram(FloatHistogram histogram) =>
        throw new InvalidOperationException("The current entry is not a native histogram.");
}
