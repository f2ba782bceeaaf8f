using System.Text.Json;
using Pharos.Alertmanager.Alerts;
using Pharos.Alertmanager.Config;
using Pharos.Alertmanager.Notify;
using Pharos.Alertmanager.Notify.Receivers;
using Pharos.Alertmanager.Templates;

namespace Pharos.Alertmanager.Tests;

/// <summary>The bodies each integration posts, in the shapes upstream documents, rendered with the default templates.</summary>
public sealed class ReceiverPayloadTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Default_subject_lists_group_values_and_other_common_labels()
    {
        var data = Context().Data;
        var template = new NotificationTemplate([], TimeProvider.System);
        Assert.Equal("[FIRING:2] Disk (page)", template.Execute("{{ template \"__subject\" . }}", data));
        Assert.Equal("http://am.example/#/alerts?receiver=team+x", template.Execute("{{ template \"__alertmanagerURL\" . }}", data));
        Assert.Equal("Labels:\n - alertname = Disk\n - instance = a\n - severity = page\nAnnotations:\n - summary = full\nSource: http://prom/graph\n", template.Execute("{{ template \"__text_alert_list\" (slice .Alerts 0 1) }}", data));
    }

    [Fact]
    public void Webhook_payload_is_version_4_and_truncated_to_max_alerts()
    {
        var p = Parse(WebhookNotifier.Payload(Context(), maxAlerts: 1));
        Assert.Equal("4", p.GetProperty("version").GetString());
        Assert.Equal(1, p.GetProperty("alerts").GetArrayLength());
        Assert.Equal(1, p.GetProperty("truncatedAlerts").GetInt32());
        Assert.Equal("page", p.GetProperty("commonLabels").GetProperty("severity").GetString());
        Assert.Equal("Disk", p.GetProperty("groupLabels").GetProperty("alertname").GetString());
        Assert.Equal("http://am.example", p.GetProperty("externalURL").GetString());
        Assert.Equal("2026-03-02T09:00:00Z", p.GetProperty("alerts")[0].GetProperty("startsAt").GetString());
    }

    [Fact]
    public void Slack_payload_has_one_attachment_from_the_default_templates()
    {
        var p = Parse(SlackNotifier.Payload(Integration("slack_configs: [{api_url: 'http://x/', channel: '#ops'}]"), Context()));
        Assert.Equal("#ops", p.GetProperty("channel").GetString());
        Assert.Equal("Alertmanager", p.GetProperty("username").GetString());
        var a = p.GetProperty("attachments")[0];
        Assert.Equal("[FIRING:2] Disk (page)", a.GetProperty("title").GetString());
        Assert.Equal("danger", a.GetProperty("color").GetString());
        Assert.Equal("[FIRING:2] Disk (page) | http://am.example/#/alerts?receiver=team+x", a.GetProperty("fallback").GetString());
        Assert.Equal(["fallback", "pretext", "text"], a.GetProperty("mrkdwn_in").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void PagerDuty_payload_is_an_events_v2_trigger_keyed_by_the_group()
    {
        var context = Context();
        var p = Parse(PagerDutyNotifier.Payload(Integration("pagerduty_configs: [{routing_key: k}]"), context, "k"));
        Assert.Equal("trigger", p.GetProperty("event_action").GetString());
        Assert.Equal(PagerDutyNotifier.Hash(context.GroupKey), p.GetProperty("dedup_key").GetString());
        Assert.Equal(64, p.GetProperty("dedup_key").GetString()!.Length);
        var payload = p.GetProperty("payload");
        Assert.Equal("[FIRING:2] Disk (page)", payload.GetProperty("summary").GetString());
        Assert.Equal("error", payload.GetProperty("severity").GetString());
        Assert.Equal("Alertmanager", payload.GetProperty("source").GetString());
        Assert.Equal("2", payload.GetProperty("custom_details").GetProperty("num_firing").GetString());
        Assert.Equal("Alertmanager", p.GetProperty("client").GetString());
    }

    [Fact]
    public void Teams_discord_telegram_and_opsgenie_payloads_have_upstream_fields()
    {
        var context = Context();
        var teams = Parse(MSTeamsNotifier.Payload(Integration("msteams_configs: [{webhook_url: 'http://x/'}]"), context));
        Assert.Equal("MessageCard", teams.GetProperty("type").GetString());
        Assert.Equal("8C1A1A", teams.GetProperty("themeColor").GetString());
        Assert.Contains("# Alerts Firing:", teams.GetProperty("text").GetString(), StringComparison.Ordinal);
        var discord = Parse(DiscordNotifier.Payload(Integration("discord_configs: [{webhook_url: 'http://x/'}]"), context));
        Assert.Equal(0x992D22, discord.GetProperty("embeds")[0].GetProperty("color").GetInt32());
        Assert.Equal("[FIRING:2] Disk (page)", discord.GetProperty("embeds")[0].GetProperty("title").GetString());
        var telegram = Parse(TelegramNotifier.Payload(Integration("telegram_configs: [{bot_token: t, chat_id: 42}]"), context));
        Assert.Equal("42", telegram.GetProperty("chat_id").GetString());
        Assert.Equal("HTML", telegram.GetProperty("parse_mode").GetString());
        Assert.Contains("Alerts Firing:", telegram.GetProperty("text").GetString(), StringComparison.Ordinal);
        var opsgenie = Parse(OpsgenieNotifier.Payload(Integration("opsgenie_configs: [{api_key: k, tags: 'a, b'}]"), context, "alias"));
        Assert.Equal("[FIRING:2] Disk (page)", opsgenie.GetProperty("message").GetString());
        Assert.Equal(["a", "b"], opsgenie.GetProperty("tags").EnumerateArray().Select(e => e.GetString()));
    }

    private static JsonElement Parse(byte[] body) => JsonDocument.Parse(body).RootElement;

    private static IntegrationConfig Integration(string yaml) =>
        AlertmanagerConfigLoader.Load($"route: {{receiver: r}}\nreceivers:\n- name: r\n  {yaml}\n").Receivers[0].Integrations[0];

    private static NotifyContext Context()
    {
        Alert Make(string instance) => new()
        {
            Labels = RoutingTests.Parse($"alertname=Disk,instance={instance},severity=page"),
            Annotations = RoutingTests.Parse("summary=full"),
            StartsAt = Now.AddHours(-1),
            GeneratorUrl = "http://prom/graph",
        };
        return new NotifyContext
        {
            Receiver = "team x",
            GroupKey = "{}:{alertname=\"Disk\"}",
            GroupLabels = RoutingTests.Parse("alertname=Disk"),
            Alerts = [Make("a"), Make("b")],
            Now = Now,
            Template = new NotificationTemplate([], TimeProvider.System),
            ExternalUrl = "http://am.example",
        };
    }
}
