namespace Pharos.Alertmanager.Tests;

/// <summary>A clock that only moves in <see cref="Advance"/>, firing due timers in time order on the way.</summary>
internal sealed class TestClock : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<Timer> _timers = [];
    private DateTimeOffset _now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Timer(this, () => callback(state));
        lock (_lock)
        {
            _timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    public void Advance(TimeSpan by)
    {
        var end = GetUtcNow() + by;
        while (true)
        {
            Timer? due;
            lock (_lock)
            {
                due = _timers.Where(t => t.DueAt <= end).MinBy(t => t.DueAt);
                if (due is null)
                {
                    _now = end;
                    return;
                }

                _now = due.DueAt!.Value;
                due.DueAt = due.Every > TimeSpan.Zero ? _now + due.Every : null;
            }

            due.Callback();
        }
    }

    private sealed class Timer(TestClock clock, Action callback) : ITimer
    {
        public DateTimeOffset? DueAt { get; set; }

        public TimeSpan Every { get; private set; }

        public Action Callback => callback;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._lock)
            {
                Every = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
                DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : clock._now + dueTime;
            }

            return true;
        }

        public void Dispose()
        {
            lock (clock._lock)
            {
                clock._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
