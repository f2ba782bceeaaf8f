using System.Buffers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Pharos.Alertmanager.Alerts;
using Pharos.Alertmanager.Api;
using Pharos.Alertmanager.Config;
using Pharos.Alertmanager.Silences;
using Pharos.Hosting;
using Pharos.Hosting.Web;
using Pharos.Model;

namespace Pharos.Alertmanager;

/// <summary>The HTTP API: <c>/api/v2/*</c> as upstream's OpenAPI spec, lifecycle endpoints and telemetry.</summary>
public sealed partial class AlertmanagerServer
{
    private void MapRoutes(WebApplication app)
    {
        app.MapTelemetry("/metrics", Metrics.Registry);
        app.MapMethods("/-/healthy", ["GET", "HEAD"], context => context.Response.WriteAsync("OK", context.RequestAborted));
        app.MapMethods("/-/ready", ["GET", "HEAD"], context => context.Response.WriteAsync("OK", context.RequestAborted));
        app.MapMethods("/-/reload", ["POST", "PUT"], async context =>
        {
            if (Reload() is { } error)
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                await context.Response.WriteAsync("failed to reload config: " + error + "\n", context.RequestAborted).ConfigureAwait(false);
            }
        });
        app.MapGet("/api/v2/status", context => WriteJsonAsync(context, 200, WriteStatus));
        app.MapGet("/api/v2/receivers", context => WriteJsonAsync(context, 200, w =>
        {
            w.WriteStartArray();
            foreach (var r in Config.Receivers)
            {
                w.WriteStartObject();
                w.WriteString("name", r.Name);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }));
        app.MapGet("/api/v2/alerts", GetAlertsAsync);
        app.MapPost("/api/v2/alerts", PostAlertsAsync);
        app.MapGet("/api/v2/alerts/groups", GetGroupsAsync);
        app.MapGet("/api/v2/silences", GetSilencesAsync);
        app.MapPost("/api/v2/silences", PostSilenceAsync);
        app.MapGet("/api/v2/silence/{id}", context =>
        {
            var id = (string)context.Request.RouteValues["id"]!;
            return Silences.TryGet(id, out var s)
                ? WriteJsonAsync(context, 200, w => ApiJson.WriteSilence(w, s!, _time.GetUtcNow()))
                : WriteJsonAsync(context, 404, w => w.WriteStringValue("silence not found"));
        });
        app.MapDelete("/api/v2/silence/{id}", context =>
        {
            try
            {
                Silences.Expire((string)context.Request.RouteValues["id"]!);
                context.Response.StatusCode = 200;
                return Task.CompletedTask;
            }
            catch (SilenceNotFoundException e)
            {
                return WriteJsonAsync(context, 404, w => w.WriteStringValue(e.Message));
            }
            catch (InvalidOperationException e)
            {
                return WriteJsonAsync(context, 500, w => w.WriteStringValue(e.Message));
            }
        });
    }

    private void WriteStatus(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteStartObject("cluster");
        w.WriteStartArray("peers");
        w.WriteEndArray();
        w.WriteString("status", "disabled");
        w.WriteEndObject();
        w.WriteStartObject("config");
        w.WriteString("original", ConfigRedactor.Redact(Config.Original));
        w.WriteEndObject();
        w.WriteString("uptime", GoJsonTime(_startTime));
        w.WriteStartObject("versionInfo");
        w.WriteString("branch", "main");
        w.WriteString("buildDate", "");
        w.WriteString("buildUser", "pharos");
        w.WriteString("goVersion", "dotnet" + BuildInfo.RuntimeVersion);
        w.WriteString("revision", BuildInfo.Revision);
        w.WriteString("version", BuildInfo.Version);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static string GoJsonTime(DateTimeOffset t) => Notify.GoJson.Time(t);

    private async Task PostAlertsAsync(HttpContext context)
    {
        if (await ReadBodyAsync(context).ConfigureAwait(false) is not { } body)
        {
            return;
        }

        var alerts = ApiJson.ReadAlerts(body.RootElement, out var shapeError);
        body.Dispose();
        if (shapeError is not null)
        {
            await WriteJsonAsync(context, 422, w => WriteError(w, 602, shapeError)).ConfigureAwait(false);
            return;
        }

        var now = _time.GetUtcNow();
        var resolveTimeout = Config.Global.ResolveTimeout;
        var errors = new List<string>();
        var valid = new List<Alert>();
        foreach (var incoming in alerts)
        {
            var a = incoming with { UpdatedAt = now };
            if (a.StartsAt == default)
            {
                a = a with { StartsAt = a.EndsAt == default ? now : a.EndsAt };
            }

            if (a.EndsAt == default)
            {
                a = a with { Timeout = true, EndsAt = now + resolveTimeout };
            }

            Metrics.AlertsReceived.WithLabels(a.EndsAt > now ? "firing" : "resolved", "v2").Inc();
            if (Validate(a) is { } error)
            {
                errors.Add(error);
                Metrics.AlertsInvalid.WithLabels("v2").Inc();
                continue;
            }

            valid.Add(a);
        }

        Alerts.Put(valid);
        if (errors.Count > 0)
        {
            await WriteJsonAsync(context, 400, w => w.WriteStringValue(string.Join("; ", errors))).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = 200;
    }

    /// <summary>Upstream's <c>Alert.Validate</c> messages.</summary>
    private static string? Validate(Alert a)
    {
        if (a.EndsAt != default && a.EndsAt < a.StartsAt)
        {
            return "start time must be before end time";
        }

        foreach (var l in a.Labels)
        {
            if (!NameValidation.IsValidLabelName(l.Name, NameValidationScheme.Legacy))
            {
                return $"invalid label set: invalid name \"{l.Name}\"";
            }
        }

        if (a.Labels.IsEmpty)
        {
            return "at least one label pair required";
        }

        foreach (var l in a.Annotations)
        {
            if (!NameValidation.IsValidLabelName(l.Name, NameValidationScheme.Legacy))
            {
                return $"invalid annotations: invalid name \"{l.Name}\"";
            }
        }

        return null;
    }

    private async Task GetAlertsAsync(HttpContext context)
    {
        if (!TryAlertFilter(context, out var filter, out var receiverRegex))
        {
            return;
        }

        var alerts = Alerts.List().OrderBy(a => a.Fingerprint).ToList();
        await WriteJsonAsync(context, 200, w =>
        {
            w.WriteStartArray();
            foreach (var a in alerts)
            {
                var receivers = Receivers(a);
                if (filter(a) && (receiverRegex is null || receivers.Any(receiverRegex.IsMatch)))
                {
                    ApiJson.WriteAlert(w, a, Marker.Status(a.Fingerprint), receivers);
                }
            }

            w.WriteEndArray();
        }).ConfigureAwait(false);
    }

    private async Task GetGroupsAsync(HttpContext context)
    {
        if (!TryAlertFilter(context, out var filter, out var receiverRegex))
        {
            return;
        }

        var groups = _state.Dispatcher.Groups()
            .Where(g => receiverRegex is null || receiverRegex.IsMatch(g.Route.Receiver))
            .Select(g => (Group: g, Alerts: g.Alerts().Where(filter).OrderBy(a => a.Fingerprint).ToList()))
            .Where(g => g.Alerts.Count > 0)
            .OrderBy(g => g.Group.GroupKey, StringComparer.Ordinal)
            .ToList();
        await WriteJsonAsync(context, 200, w =>
        {
            w.WriteStartArray();
            foreach (var (group, alerts) in groups)
            {
                w.WriteStartObject();
                w.WriteStartArray("alerts");
                foreach (var a in alerts)
                {
                    ApiJson.WriteAlert(w, a, Marker.Status(a.Fingerprint), Receivers(a));
                }

                w.WriteEndArray();
                w.WritePropertyName("labels");
                Notify.GoJson.WriteLabels(w, group.Labels);
                w.WriteStartObject("receiver");
                w.WriteString("name", group.Route.Receiver);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }).ConfigureAwait(false);
    }

    private List<string> Receivers(Alert a) => [.. Route.Match(a.Labels).Select(r => r.Receiver).Distinct()];

    /// <summary>Builds upstream's alert filter from the query (active, silenced, inhibited, unprocessed, filter, receiver).</summary>
    private bool TryAlertFilter(HttpContext context, out Func<Alert, bool> filter, out Regex? receiver)
    {
        var q = context.Request.Query;
        bool Flag(string name) => !q.TryGetValue(name, out var v) || !string.Equals(v.ToString(), "false", StringComparison.OrdinalIgnoreCase);
        var (active, silenced, inhibited, unprocessed) = (Flag("active"), Flag("silenced"), Flag("inhibited"), Flag("unprocessed"));
        receiver = null;
        filter = _ => false;
        List<Matcher> matchers;
        try
        {
            matchers = ApiJson.ParseFilter(q["filter"]);
            if (q.TryGetValue("receiver", out var r) && r.ToString().Length > 0)
            {
                receiver = new Regex("^(?:" + r + ")$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            }
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            _ = WriteJsonAsync(context, 400, w => w.WriteStringValue(e.Message));
            return false;
        }

        var now = _time.GetUtcNow();
        filter = a =>
        {
            if (a.EndsAt != default && a.EndsAt < now)
            {
                return false;
            }

            Marker.SetSilenced(a.Fingerprint, Silences.Mutes(a.Labels));
            _state.Inhibitor.Mutes(a.Labels);
            var status = Marker.Status(a.Fingerprint);
            return (active || status.State != "active")
                && (unprocessed || status.State != "unprocessed")
                && (silenced || status.SilencedBy.Count == 0)
                && (inhibited || status.InhibitedBy.Count == 0)
                && Routing.Route.MatchesAll(matchers, a.Labels);
        };
        return true;
    }

    private async Task GetSilencesAsync(HttpContext context)
    {
        List<Matcher> filter;
        try
        {
            filter = ApiJson.ParseFilter(context.Request.Query["filter"]);
        }
        catch (FormatException e)
        {
            await WriteJsonAsync(context, 400, w => w.WriteStringValue(e.Message)).ConfigureAwait(false);
            return;
        }

        var now = _time.GetUtcNow();
        var silences = Silences.List().Where(s => filter.All(f => s.Matchers.Contains(f))).ToList();
        silences.Sort((a, b) => CompareSilences(a, b, now));
        await WriteJsonAsync(context, 200, w =>
        {
            w.WriteStartArray();
            foreach (var s in silences)
            {
                ApiJson.WriteSilence(w, s, now);
            }

            w.WriteEndArray();
        }).ConfigureAwait(false);
    }

    // Upstream's order: active by end, then pending by start, then expired by end, latest first.
    private static int CompareSilences(Silence a, Silence b, DateTimeOffset now)
    {
        static int Rank(string state) => state switch { "active" => 0, "pending" => 1, _ => 2 };
        var (sa, sb) = (a.State(now), b.State(now));
        if (sa != sb)
        {
            return Rank(sa).CompareTo(Rank(sb));
        }

        return sa switch
        {
            "pending" => a.StartsAt.CompareTo(b.StartsAt),
            "expired" => b.EndsAt.CompareTo(a.EndsAt),
            _ => a.EndsAt.CompareTo(b.EndsAt),
        };
    }

    private async Task PostSilenceAsync(HttpContext context)
    {
        if (await ReadBodyAsync(context).ConfigureAwait(false) is not { } body)
        {
            return;
        }

        Silence? silence = null;
        var error = "json: cannot unmarshal array into Go value of type models.PostableSilence";
        using (body)
        {
            if (body.RootElement.ValueKind == JsonValueKind.Object)
            {
                silence = ApiJson.ReadSilence(body.RootElement, out error);
            }
        }

        if (silence is null)
        {
            await WriteJsonAsync(context, 400, w => w.WriteStringValue(error)).ConfigureAwait(false);
            return;
        }

        var now = _time.GetUtcNow();
        if (silence.StartsAt >= silence.EndsAt)
        {
            await WriteJsonAsync(context, 400, w => w.WriteStringValue("Failed to create silence: start time must be before end time")).ConfigureAwait(false);
            return;
        }

        if (silence.EndsAt < now)
        {
            await WriteJsonAsync(context, 400, w => w.WriteStringValue("Failed to create silence: end time can't be in the past")).ConfigureAwait(false);
            return;
        }

        try
        {
            var id = Silences.Set(silence);
            await WriteJsonAsync(context, 200, w =>
            {
                w.WriteStartObject();
                w.WriteString("silenceID", id);
                w.WriteEndObject();
            }).ConfigureAwait(false);
        }
        catch (SilenceNotFoundException e)
        {
            await WriteJsonAsync(context, 404, w => w.WriteStringValue(e.Message)).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            await WriteJsonAsync(context, 400, w => w.WriteStringValue(e.Message)).ConfigureAwait(false);
        }
    }

    private static async Task<JsonDocument?> ReadBodyAsync(HttpContext context)
    {
        try
        {
            return await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            await WriteJsonAsync(context, 400, w => WriteError(w, 400, "parsing body failed: " + e.Message)).ConfigureAwait(false);
            return null;
        }
    }

    private static void WriteError(Utf8JsonWriter w, int code, string message)
    {
        w.WriteStartObject();
        w.WriteNumber("code", code);
        w.WriteString("message", message);
        w.WriteEndObject();
    }

    private static async Task WriteJsonAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }
}
