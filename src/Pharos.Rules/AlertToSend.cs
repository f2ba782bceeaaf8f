using Pharos.Model;

namespace Pharos.Rules;

/// <summary>An alert as the rule manager hands it to the notifier (the fields of Alertmanager's API v2 alert).</summary>
/// <param name="Labels">The alert's labels, <c>alertname</c> included; external labels are added by the notifier.</param>
/// <param name="Annotations">The expanded annotations.</param>
/// <param name="StartsAt">When the alert started firing.</param>
/// <param name="EndsAt">When it resolved, or until when it is valid if nothing is heard again (4 × max(interval, resend delay)).</param>
/// <param name="GeneratorUrl">The external URL's <c>/graph</c> link for the rule's expression.</param>
public sealed record AlertToSend(Labels Labels, Labels Annotations, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string GeneratorUrl);
