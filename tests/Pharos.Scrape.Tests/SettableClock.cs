namespace Pharos.Scrape.Tests;

/// <summary>
/// A clock whose "now" the test sets, so scrape timestamps are predictable; timers (scrape timeouts) still run on
/// real time, which the slow-target tests rely on.
/// </summary>
internal sealed class SettableClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public DateTimeOffset Now
    {
        get => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);
        set => Interlocked.Exchange(ref _ticks, value.UtcTicks);
    }

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
