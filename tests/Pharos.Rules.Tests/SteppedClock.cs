namespace Pharos.Rules.Tests;

/// <summary>A clock that only moves in <see cref="Step"/>; one-shot timers due by then fire from the stepping thread.</summary>
internal sealed class SteppedClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<(DateTimeOffset Due, OneShot Timer)> _pending = [];
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new OneShot(this, () => callback(state));
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Waits until some code waits on a timer of this clock (the code under test runs on other threads).</summary>
    public async Task WaitForTimerAsync()
    {
        for (var i = 0; i < 3000; i++)
        {
            lock (_lock)
            {
                if (_pending.Count > 0)
                {
                    return;
                }
            }

            await Task.Delay(10);
        }

        throw new TimeoutException("nothing waits on the clock");
    }

    /// <summary>Sets the clock forward and fires the timers that came due.</summary>
    public void Step(TimeSpan by)
    {
        List<OneShot> due;
        lock (_lock)
        {
            _now += by;
            due = _pending.Where(p => p.Due <= _now).Select(p => p.Timer).ToList();
            _pending.RemoveAll(p => p.Due <= _now);
        }

        foreach (var t in due)
        {
            t.Fire();
        }
    }

    private sealed class OneShot(SteppedClock clock, Action fire) : ITimer
    {
        public void Fire() => fire();

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._lock)
            {
                clock._pending.RemoveAll(p => p.Timer == this);
                if (dueTime != Timeout.InfiniteTimeSpan)
                {
                    clock._pending.Add((clock._now + dueTime, this));
                }
            }

            return true;
        }

        public void Dispose() => Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
