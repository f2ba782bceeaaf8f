namespace Pharos.Exposition.Negotiation;

/// <summary>The outcome of <see cref="ScrapeContentType.Resolve"/>.</summary>
/// <param name="Format">The format to parse with, or null when the scrape must fail.</param>
/// <param name="Problem">
/// Null when the Content-Type was recognised; otherwise why it was not: an error when <paramref name="Format"/> is
/// null, a warning to log when the fallback protocol was used.
/// </param>
public readonly record struct ContentTypeResolution(ExpositionFormat? Format, string? Problem)
{
    /// <summary>Whether a format was chosen.</summary>
    public bool Succeeded => Format.HasValue;

    /// <summary>Whether the fallback protocol had to be used.</summary>
    public bool UsedFallback => Format.HasValue && Problem is not null;
}
