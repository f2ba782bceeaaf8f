using Pharos.Templating.Values;

namespace Pharos.Templating.Alertmanager;

/// <summary>One alert in a notification, as Alertmanager's template <c>Alert</c>.</summary>
public sealed record Alert : ITemplateObject
{
    /// <summary><c>firing</c> or <c>resolved</c>.</summary>
    public required string Status { get; init; }

    /// <summary>The alert's labels.</summary>
    public required KV Labels { get; init; }

    /// <summary>The alert's annotations.</summary>
    public KV Annotations { get; init; } = KV.Empty;

    /// <summary>When the alert started firing.</summary>
    public DateTimeOffset StartsAt { get; init; }

    /// <summary>When the alert ended, or the zero time while firing.</summary>
    public DateTimeOffset EndsAt { get; init; }

    /// <summary>The link back to the source (a Prometheus graph URL).</summary>
    public string GeneratorUrl { get; init; } = "";

    /// <summary>The alert's label fingerprint, 16 hex digits.</summary>
    public string Fingerprint { get; init; } = "";

    /// <inheritdoc/>
    public string TypeName => "template.Alert";

    /// <inheritdoc/>
    public bool TryGetField(string name, out object? value)
    {
        (var found, value) = name switch
        {
            "Status" => (true, (object?)Status),
            "Labels" => (true, Labels),
            "Annotations" => (true, Annotations),
            "StartsAt" => (true, StartsAt),
            "EndsAt" => (true, EndsAt),
            "GeneratorURL" => (true, GeneratorUrl),
            "Fingerprint" => (true, Fingerprint),
            _ => (false, null),
        };
        return found;
    }
}
