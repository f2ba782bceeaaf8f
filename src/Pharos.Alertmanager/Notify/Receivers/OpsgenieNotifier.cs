using Pharos.Alertmanager.Config;

namespace Pharos.Alertmanager.Notify.Receivers;

/// <summary>Opsgenie Alert API v2: create while firing, close by alias when resolved; the alias is the group key's SHA-256.</summary>
internal sealed class OpsgenieNotifier(IntegrationConfig config, HttpClient client) : HttpNotifier(config, client)
{

    public override async Task NotifyAsync(NotifyContext context, CancellationToken cancellationToken)
    {
        var alias = PagerDutyNotifier.Hash(context.GroupKey);
        var baseUrl = Config.Get("api_url").TrimEnd('/') + "/";
        var key = Http.Secret("api_key");
        void Auth(HttpRequestMessage r) => r.Headers.TryAddWithoutValidation("Authorization", "GenieKey " + key);
        if (context.Data.Status == "resolved")
        {
            var close = JsonBody.Build(w =>
            {
                w.WriteStartObject();
                w.WriteString("source", context.Render(Config.Get("source")));
                w.WriteEndObject();
            });
            await Http.PostAsync($"{baseUrl}v2/alerts/{alias}/close?identifierType=alias", close, cancellationToken, configure: Auth).ConfigureAwait(false);
            return;
        }

        await Http.PostAsync(baseUrl + "v2/alerts", Payload(Config, context, alias), cancellationToken, configure: Auth).ConfigureAwait(false);
    }

    public static byte[] Payload(IntegrationConfig c, NotifyContext context, string alias)
    {
        string R(string field) => context.Render(c.Get(field));
        return JsonBody.Build(w =>
        {
            w.WriteStartObject();
            w.WriteString("alias", alias);
            w.WriteString("message", JsonBody.Truncate(R("message"), 130));
            w.WriteString("description", R("description"));
            w.WriteStartObject("details");
            foreach (var (k, v) in c.GetMap("details"))
            {
                w.WriteString(k, context.Render(v));
            }

            w.WriteEndObject();
            w.WriteString("source", R("source"));
            if (c.Fields.TryGetValue("responders", out var responders) && responders is List<object?> { Count: > 0 })
            {
                w.WritePropertyName("responders");
                GoJson.WritePlain(w, responders, context.Render);
            }

            if (R("tags") is { Length: > 0 } tags)
            {
                w.WriteStartArray("tags");
                foreach (var t in tags.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    w.WriteStringValue(t);
                }

                w.WriteEndArray();
            }

            foreach (var f in new[] { "entity", "note", "priority" })
            {
                if (R(f) is { Length: > 0 } v)
                {
                    w.WriteString(f, v);
                }
            }

            w.WriteEndObject();
        });
    }
}
