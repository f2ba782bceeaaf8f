using Pharos.Alertmanager.Alerts;
using Pharos.Alertmanager.Config;
using Pharos.Alertmanager.Routing;
using Pharos.Model;

namespace Pharos.Alertmanager.Inhibit;

/// <summary>
/// Applies <c>inhibit_rules</c> (upstream <c>inhibit.Inhibitor</c>): an alert matching a rule's target matchers is
/// muted while a firing alert matches its source matchers and has the same values for the <c>equal</c> labels. An
/// alert matching both sides cannot inhibit another that also matches both. Thread-safe.
/// </summary>
public sealed class Inhibitor
{
    private readonly IReadOnlyList<InhibitRuleConfig> _rules;
    private readonly AlertStore _alerts;
    private readonly AlertMarker _marker;
    private readonly TimeProvider _time;

    /// <summary>Creates the inhibitor.</summary>
    /// <param name="rules">The rules.</param>
    /// <param name="alerts">The alert store the source alerts come from.</param>
    /// <param name="marker">Records the inhibiting alerts.</param>
    /// <param name="time">The clock.</param>
    public Inhibitor(IReadOnlyList<InhibitRuleConfig> rules, AlertStore alerts, AlertMarker marker, TimeProvider time)
    {
        _rules = rules;
        _alerts = alerts;
        _marker = marker;
        _time = time;
    }

    /// <summary>Whether an alert with <paramref name="labels"/> is inhibited; records the result in the marker.</summary>
    /// <param name="labels">The alert's labels.</param>
    /// <returns>True when muted.</returns>
    public bool Mutes(Labels labels)
    {
        var fp = Alert.FingerprintOf(labels);
        if (_rules.Count > 0)
        {
            var now = _time.GetUtcNow();
            var sources = _alerts.List();
            foreach (var rule in _rules)
            {
                if (!Route.MatchesAll(rule.TargetMatchers, labels))
                {
                    continue;
                }

                var excludeTwoSided = Route.MatchesAll(rule.SourceMatchers, labels);
                foreach (var source in sources)
                {
                    if (source.ResolvedAt(now) || !Route.MatchesAll(rule.SourceMatchers, source.Labels)
                        || !rule.Equal.All(n => source.Labels.Get(n) == labels.Get(n))
                        || (excludeTwoSided && Route.MatchesAll(rule.TargetMatchers, source.Labels)))
                    {
                        continue;
                    }

                    _marker.SetInhibited(fp, [Alert.FormatFingerprint(source.Fingerprint)]);
                    return true;
                }
            }
        }

        _marker.SetInhibited(fp, []);
        return false;
    }
}
