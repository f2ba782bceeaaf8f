using System.Text;
using Pharos.Model;

namespace Pharos.Alertmanager.Alerts;

/// <summary>
/// An alert as Alertmanager holds it (upstream <c>types.Alert</c>): identity is the label set, whose
/// <see cref="Fingerprint"/> merges repeated posts. Immutable; updates create a new instance.
/// </summary>
public sealed record Alert
{
    /// <summary>The identifying labels.</summary>
    public required Labels Labels { get; init; }

    /// <summary>The annotations (not part of the identity).</summary>
    public Labels Annotations { get; init; }

    /// <summary>When the alert started firing.</summary>
    public DateTimeOffset StartsAt { get; init; }

    /// <summary>When it resolves; when <see cref="Timeout"/> is set this was derived from <c>resolve_timeout</c>.</summary>
    public DateTimeOffset EndsAt { get; init; }

    /// <summary>When the alert was last received.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The link to the alert's source.</summary>
    public string GeneratorUrl { get; init; } = "";

    /// <summary>Whether <see cref="EndsAt"/> was not given by the client but set from <c>resolve_timeout</c>.</summary>
    public bool Timeout { get; init; }

    /// <summary>The label set's fingerprint (FNV-1a 64 as Prometheus's <c>model.LabelSet.Fingerprint</c>).</summary>
    public ulong Fingerprint => FingerprintOf(Labels);

    /// <summary>Whether the alert is resolved at <paramref name="now"/>: it has an end time that is not after now.</summary>
    /// <param name="now">The instant.</param>
    /// <returns>True when resolved.</returns>
    public bool ResolvedAt(DateTimeOffset now) => EndsAt != default && EndsAt <= now;

    /// <summary>Merges a newer version of the same alert, as upstream's <c>Alert.Merge</c>.</summary>
    /// <param name="other">The other version.</param>
    /// <returns>The merged alert.</returns>
    public Alert Merge(Alert other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.UpdatedAt < UpdatedAt)
        {
            return other.Merge(this);
        }

        var result = other;
        if (StartsAt < other.StartsAt)
        {
            result = result with { StartsAt = StartsAt };
        }

        if (other.ResolvedAt(other.UpdatedAt))
        {
            // The latest explicit resolution wins when both are resolved.
            if (ResolvedAt(UpdatedAt) && EndsAt > other.EndsAt)
            {
                result = result with { EndsAt = EndsAt };
            }
        }
        else if (EndsAt > other.EndsAt && !Timeout)
        {
            // A client-given end time that is later beats a timeout.
            result = result with { EndsAt = EndsAt };
        }

        return result;
    }

    /// <summary>The fingerprint of a label set as Prometheus computes it: FNV-1a over name, 0xff, value, 0xff in name order.</summary>
    /// <param name="labels">The labels.</param>
    /// <returns>The fingerprint.</returns>
    public static ulong FingerprintOf(Labels labels)
    {
        const ulong Offset = 14695981039346656037UL;
        const ulong Prime = 1099511628211UL;
        if (labels.IsEmpty)
        {
            return Offset;
        }

        var hash = Offset;
        Span<byte> buffer = stackalloc byte[256];
        foreach (var label in labels)
        {
            hash = Add(Add(hash, label.Name, buffer), label.Value, buffer);
        }

        return hash;

        static ulong Add(ulong h, string s, Span<byte> buffer)
        {
            var bytes = Encoding.UTF8.GetMaxByteCount(s.Length) <= buffer.Length ? buffer[..Encoding.UTF8.GetBytes(s, buffer)] : Encoding.UTF8.GetBytes(s);
            foreach (var b in bytes)
            {
                h = (h ^ b) * Prime;
            }

            return (h ^ 0xff) * Prime;
        }
    }

    /// <summary>Formats a fingerprint as upstream prints it (16 hex digits).</summary>
    /// <param name="fingerprint">The fingerprint.</param>
    /// <returns>The text.</returns>
    public static string FormatFingerprint(ulong fingerprint) => fingerprint.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
}
