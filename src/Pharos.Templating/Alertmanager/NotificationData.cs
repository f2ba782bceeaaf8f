using Pharos.Templating.Values;

namespace Pharos.Templating.Alertmanager;

/// <summary>The data a notification template sees, as Alertmanager's template <c>Data</c>.</summary>
public sealed record NotificationData : ITemplateObject
{
    /// <summary>The receiver's name.</summary>
    public required string Receiver { get; init; }

    /// <summary><c>firing</c> when any alert fires, else <c>resolved</c>.</summary>
    public required string Status { get; init; }

    /// <summary>The group's alerts.</summary>
    public required Alerts Alerts { get; init; }

    /// <summary>The labels the group is keyed by.</summary>
    public KV GroupLabels { get; init; } = KV.Empty;

    /// <summary>The labels all alerts share.</summary>
    public KV CommonLabels { get; init; } = KV.Empty;

    /// <summary>The annotations all alerts share.</summary>
    public KV CommonAnnotations { get; init; } = KV.Empty;

    /// <summary>Alertmanager's external URL.</summary>
    public string ExternalUrl { get; init; } = "";

    /// <summary>The group key, as in the webhook payload.</summary>
    public string GroupKey { get; init; } = "";

    /// <summary>The number of alerts dropped by <c>max_alerts</c>.</summary>
    public long TruncatedAlerts { get; init; }

    /// <inheritdoc/>
    public string TypeName => "template.Data";

    /// <inheritdoc/>
    public bool TryGetField(string name, out object? value)
    {
        (var found, value) = name switch
        {
            "Receiver" => (true, (object?)Receiver),
            "Status" => (true, Status),
            "Alerts" => (true, Alerts),
            "GroupLabels" => (true, GroupLabels),
            "CommonLabels" => (true, CommonLabels),
            "CommonAnnotations" => (true, CommonAnnotations),
            "ExternalURL" => (true, ExternalUrl),
            "GroupKey" => (true, GroupKey),
            "TruncatedAlerts" => (true, TruncatedAlerts),
            _ => (false, null),
        };
        return found;
    }
}
