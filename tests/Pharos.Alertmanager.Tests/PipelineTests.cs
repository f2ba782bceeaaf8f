using Microsoft.Extensions.Logging.Abstractions;
using Pharos.Alertmanager.Alerts;
using Pharos.Alertmanager.Config;
using Pharos.Alertmanager.Dispatch;
using Pharos.Alertmanager.Inhibit;
using Pharos.Alertmanager.Notify;
using Pharos.Alertmanager.Routing;
using Pharos.Alertmanager.Silences;
using Pharos.Alertmanager.Templates;
using Pharos.Model;
using MatchType = Pharos.Model.MatchType;

namespace Pharos.Alertmanager.Tests;

public sealed class PipelineTests
{
    [Theory]
    [InlineData(false, "", "1", "", true)]
    [InlineData(false, "", "", "1", false)]
    [InlineData(true, "1", "1,2", "", true)]
    [InlineData(true, "1,2", "1", "2", false)]
    [InlineData(true, "1,2", "", "1,2", true)]
    [InlineData(true, "", "", "1", false)]
    public void Dedup_decides_as_upstream(bool logged, string loggedFiring, string firing, string resolved, bool expected)
    {
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var entry = logged ? new NotificationLogEntry(new ReceiverKey("r", "webhook", 0), "g", Set(loggedFiring).ToList(), [], now, now.AddDays(5)) : null;
        Assert.Equal(expected, NotificationPipeline.NeedsUpdate(entry, Set(firing), Set(resolved), sendResolved: false, TimeSpan.FromHours(4), now.AddMinutes(5)));
    }

    [Fact]
    public void Unchanged_group_is_resent_only_after_repeat_interval()
    {
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var entry = new NotificationLogEntry(new ReceiverKey("r", "webhook", 0), "g", [1], [], now, now.AddDays(5));
        Assert.False(NotificationPipeline.NeedsUpdate(entry, Set("1"), Set(""), false, TimeSpan.FromHours(1), now.AddMinutes(59)));
        Assert.True(NotificationPipeline.NeedsUpdate(entry, Set("1"), Set(""), false, TimeSpan.FromHours(1), now.AddHours(1)));
    }

    [Fact]
    public async Task Group_flushes_after_group_wait_then_only_on_change_until_repeat()
    {
        var clock = new TestClock();
        using var h = new Harness(clock, "route: {receiver: r, group_by: [alertname], group_wait: 30s, group_interval: 1m, repeat_interval: 1h}\nreceivers: [{name: r, webhook_configs: [{url: 'http://127.0.0.1:9/'}]}]");
        h.Post("alertname=A,instance=1");
        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Empty(h.Sent);
        await h.AdvanceAndWaitAsync(TimeSpan.FromSeconds(1), 1);
        Assert.Equal("{}:{alertname=\"A\"}", h.Sent[0].GroupKey);

        // Nothing changed: group_interval flushes send nothing until the repeat interval.
        await h.AdvanceAndWaitAsync(TimeSpan.FromMinutes(5), 1);
        h.Post("alertname=A,instance=2");
        await h.AdvanceAndWaitAsync(TimeSpan.FromMinutes(1), 2);
        Assert.Equal(2, h.Sent[1].Alerts.Count);
        await h.AdvanceAndWaitAsync(TimeSpan.FromMinutes(61), 3);
        Assert.Equal(3, h.Sent.Count);
    }

    [Fact]
    public async Task Resolved_alerts_are_sent_once_with_send_resolved()
    {
        var clock = new TestClock();
        using var h = new Harness(clock, "route: {receiver: r, group_wait: 10s, group_interval: 1m}\nreceivers: [{name: r, webhook_configs: [{url: 'http://127.0.0.1:9/'}]}]");
        h.Post("alertname=A");
        await h.AdvanceAndWaitAsync(TimeSpan.FromSeconds(10), 1);
        h.Post("alertname=A", resolved: true);
        await h.AdvanceAndWaitAsync(TimeSpan.FromMinutes(1), 2);
        Assert.True(h.Sent[1].Alerts.Single().ResolvedAt(h.Sent[1].Now));
        await h.AdvanceAndWaitAsync(TimeSpan.FromMinutes(10), 2);
        Assert.Equal(2, h.Sent.Count);
    }

    [Fact]
    public async Task Silenced_and_inhibited_alerts_are_not_sent()
    {
        var clock = new TestClock();
        using var h = new Harness(clock, """
            route: {receiver: r, group_by: ['...'], group_wait: 10s, group_interval: 1m}
            inhibit_rules: [{source_matchers: [severity=critical], target_matchers: [severity=warning], equal: [cluster]}]
            receivers: [{name: r, webhook_configs: [{url: 'http://127.0.0.1:9/'}]}]
            """);
        h.Silences.Set(new Silence { Matchers = [new Matcher(MatchType.Equal, "alertname", "Silenced")], StartsAt = clock.GetUtcNow(), EndsAt = clock.GetUtcNow().AddHours(1), CreatedBy = "t", Comment = "c" });
        h.Post("alertname=Silenced");
        h.Post("alertname=Crit,severity=critical,cluster=a");
        h.Post("alertname=Warn,severity=warning,cluster=a");
        h.Post("alertname=Warn,severity=warning,cluster=b");
        await h.AdvanceAndWaitAsync(TimeSpan.FromSeconds(10), 2);
        clock.Advance(TimeSpan.FromSeconds(1));
        await Task.Delay(200);
        var sent = h.Sent.Select(n => n.Alerts.Single().Labels.ToString()).Order().ToList();
        Assert.Equal(["{alertname=\"Crit\", cluster=\"a\", severity=\"critical\"}", "{alertname=\"Warn\", cluster=\"b\", severity=\"warning\"}"], sent);
        Assert.Equal("suppressed", h.Marker.Status(Alert.FingerprintOf(RoutingTests.Parse("alertname=Silenced"))).State);
    }

    [Fact]
    public async Task Failing_integration_is_retried_and_counted_without_blocking_others()
    {
        var clock = new TestClock();
        using var h = new Harness(clock, "route: {receiver: r, group_wait: 10s, group_interval: 1m}\nreceivers: [{name: r, webhook_configs: [{url: 'http://127.0.0.1:9/'}, {url: 'http://127.0.0.1:9/down'}]}]");
        h.FailIndex = 1;
        h.Post("alertname=A");
        await h.AdvanceAndWaitAsync(TimeSpan.FromSeconds(10), 1);
        for (var i = 0; i < 50 && h.Attempts < 3; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }

        Assert.True(h.Attempts >= 3);
        Assert.Single(h.Sent);
        await h.AdvanceAndWaitAsync(TimeSpan.FromMinutes(1), 1);
        Assert.True(h.Metrics.NotificationsFailed.WithLabels("webhook").Value >= 1);
    }

    private static HashSet<ulong> Set(string text) => [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(ulong.Parse)];

    private sealed class Harness : IDisposable
    {
        private readonly TestClock _clock;
        private readonly Dispatcher _dispatcher;
        private readonly AlertStore _store;
        private readonly List<NotifyContext> _sent = [];
        private int _attempts;

        public Harness(TestClock clock, string yaml)
        {
            _clock = clock;
            var config = AlertmanagerConfigLoader.Load(yaml);
            _store = new AlertStore(clock);
            Marker = new AlertMarker();
            Silences = new SilenceStore(clock, TimeSpan.FromHours(120));
            Metrics = new AlertmanagerMetrics(clock);
            var receivers = config.Receivers.ToDictionary(
                r => r.Name,
                r => (IReadOnlyList<Integration>)[.. r.Integrations.Select(i => new Integration(new ReceiverKey(r.Name, i.Type, i.Index), i, new Notifier(this, i.Index)))]);
            var pipeline = new NotificationPipeline(
                receivers, new Inhibitor(config.InhibitRules, _store, Marker, clock), Silences, Marker, config.TimeIntervals,
                new NotificationLog(clock, TimeSpan.FromHours(120)), new NotificationTemplate([], clock), Metrics, clock, NullLogger.Instance, "http://am");
            _dispatcher = new Dispatcher(Route.Build(config.Route), _store, clock, pipeline.ExecAsync);
            _dispatcher.Start();
        }

        public AlertMarker Marker { get; }

        public SilenceStore Silences { get; }

        public AlertmanagerMetrics Metrics { get; }

        public int FailIndex { get; set; } = -1;

        public int Attempts => Volatile.Read(ref _attempts);

        public List<NotifyContext> Sent
        {
            get
            {
                lock (_sent)
                {
                    return [.. _sent];
                }
            }
        }

        public void Post(string labels, bool resolved = false)
        {
            var now = _clock.GetUtcNow();
            _store.Put([new Alert { Labels = RoutingTests.Parse(labels), StartsAt = now, EndsAt = resolved ? now : now.AddDays(1), Timeout = !resolved, UpdatedAt = now }]);
        }

        public async Task AdvanceAndWaitAsync(TimeSpan by, int expected)
        {
            _clock.Advance(by);
            for (var i = 0; i < 1000 && Sent.Count < expected; i++)
            {
                await Task.Delay(10);
            }

            // Let an unexpected extra notification show up before the caller counts.
            await Task.Delay(50);
            Assert.Equal(expected, Sent.Count);
        }

        public Task NotifyAsync(NotifyContext context, int index)
        {
            if (index == FailIndex)
            {
                Interlocked.Increment(ref _attempts);
                throw new NotifyException("down", retry: true);
            }

            lock (_sent)
            {
                _sent.Add(context);
            }

            return Task.CompletedTask;
        }

        public void Dispose() => _dispatcher.Dispose();

        private sealed class Notifier(Harness harness, int index) : INotifier
        {
            public Task NotifyAsync(NotifyContext context, CancellationToken cancellationToken) => harness.NotifyAsync(context, index);
        }
    }
}
