namespace Pharos.Scrape;

/// <summary>The health of a scrape target as the targets API reports it (<c>up</c>, <c>down</c>, <c>unknown</c>).</summary>
public enum TargetHealth : byte
{
    /// <summary>The target has not been scraped yet.</summary>
    Unknown = 0,

    /// <summary>The last scrape succeeded.</summary>
    Up,

    /// <summary>The last scrape failed; <see cref="ScrapeTargetState.LastError"/> says why.</summary>
    Down,
}
