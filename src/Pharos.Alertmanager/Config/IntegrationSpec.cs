namespace Pharos.Alertmanager.Config;

/// <summary>How one integration field is read.</summary>
internal enum FieldKind
{
    /// <summary>A string (a template where upstream templates it).</summary>
    String,

    /// <summary>A string shown as <c>&lt;secret&gt;</c>.</summary>
    Secret,

    /// <summary>A YAML boolean.</summary>
    Bool,

    /// <summary>An integer.</summary>
    Int,

    /// <summary>A duration.</summary>
    Duration,

    /// <summary>A list of strings.</summary>
    StringList,

    /// <summary>A string-to-string map.</summary>
    StringMap,

    /// <summary>Any YAML kept as plain objects (lists of attachments fields, responders, …).</summary>
    Raw,
}

/// <summary>
/// The fields, defaults and required settings of each receiver integration type, from upstream's
/// <c>config/notifiers.go</c>. The YAML list name is <c>{Type}_configs</c>.
/// </summary>
internal sealed record IntegrationSpec(string Type, bool SendResolvedDefault, IReadOnlyDictionary<string, FieldKind> Fields, IReadOnlyDictionary<string, object?> Defaults)
{
    /// <summary>Every supported integration type, in the order upstream builds a receiver's integrations.</summary>
    public static readonly IReadOnlyList<IntegrationSpec> All =
    [
        new("discord", true, FieldsOf(("webhook_url", FieldKind.Secret), ("webhook_url_file", FieldKind.String), ("title", FieldKind.String), ("message", FieldKind.String), ("content", FieldKind.String), ("username", FieldKind.String), ("avatar_url", FieldKind.String)), DefaultsOf(
            ("title", "{{ template \"discord.default.title\" . }}"), ("message", "{{ template \"discord.default.message\" . }}"))),
        new("email", false, FieldsOf(("to", FieldKind.String), ("from", FieldKind.String), ("hello", FieldKind.String), ("smarthost", FieldKind.String), ("auth_username", FieldKind.String), ("auth_password", FieldKind.Secret), ("auth_password_file", FieldKind.String), ("auth_secret", FieldKind.Secret), ("auth_identity", FieldKind.String), ("headers", FieldKind.StringMap), ("html", FieldKind.String), ("text", FieldKind.String), ("require_tls", FieldKind.Bool), ("tls_config", FieldKind.Raw)), DefaultsOf(
            ("html", "{{ template \"email.default.html\" . }}"))),
        new("pagerduty", true, FieldsOf(("routing_key", FieldKind.Secret), ("routing_key_file", FieldKind.String), ("service_key", FieldKind.Secret), ("service_key_file", FieldKind.String), ("url", FieldKind.String), ("client", FieldKind.String), ("client_url", FieldKind.String), ("description", FieldKind.String), ("details", FieldKind.StringMap), ("images", FieldKind.Raw), ("links", FieldKind.Raw), ("source", FieldKind.String), ("severity", FieldKind.String), ("class", FieldKind.String), ("component", FieldKind.String), ("group", FieldKind.String)), DefaultsOf(
            ("client", "{{ template \"pagerduty.default.client\" . }}"), ("client_url", "{{ template \"pagerduty.default.clientURL\" . }}"), ("description", "{{ template \"pagerduty.default.description\" .}}"), ("severity", "error"))),
        new("slack", false, FieldsOf(("api_url", FieldKind.Secret), ("api_url_file", FieldKind.String), ("channel", FieldKind.String), ("username", FieldKind.String), ("color", FieldKind.String), ("title", FieldKind.String), ("title_link", FieldKind.String), ("pretext", FieldKind.String), ("text", FieldKind.String), ("fields", FieldKind.Raw), ("short_fields", FieldKind.Bool), ("footer", FieldKind.String), ("fallback", FieldKind.String), ("callback_id", FieldKind.String), ("icon_emoji", FieldKind.String), ("icon_url", FieldKind.String), ("image_url", FieldKind.String), ("thumb_url", FieldKind.String), ("link_names", FieldKind.Bool), ("mrkdwn_in", FieldKind.StringList), ("actions", FieldKind.Raw)), DefaultsOf(
            ("username", "{{ template \"slack.default.username\" . }}"), ("color", "{{ if eq .Status \"firing\" }}danger{{ else }}good{{ end }}"), ("title", "{{ template \"slack.default.title\" . }}"), ("title_link", "{{ template \"slack.default.titlelink\" . }}"), ("pretext", "{{ template \"slack.default.pretext\" . }}"), ("text", "{{ template \"slack.default.text\" . }}"), ("fallback", "{{ template \"slack.default.fallback\" . }}"), ("callback_id", "{{ template \"slack.default.callbackid\" . }}"), ("icon_emoji", "{{ template \"slack.default.iconemoji\" . }}"), ("icon_url", "{{ template \"slack.default.iconurl\" . }}"), ("footer", "{{ template \"slack.default.footer\" . }}"))),
        new("webhook", true, FieldsOf(("url", FieldKind.Secret), ("url_file", FieldKind.String), ("max_alerts", FieldKind.Int), ("timeout", FieldKind.Duration)), DefaultsOf()),
        new("opsgenie", true, FieldsOf(("api_key", FieldKind.Secret), ("api_key_file", FieldKind.String), ("api_url", FieldKind.String), ("message", FieldKind.String), ("description", FieldKind.String), ("source", FieldKind.String), ("details", FieldKind.StringMap), ("entity", FieldKind.String), ("responders", FieldKind.Raw), ("actions", FieldKind.String), ("tags", FieldKind.String), ("note", FieldKind.String), ("priority", FieldKind.String), ("update_alerts", FieldKind.Bool)), DefaultsOf(
            ("message", "{{ template \"opsgenie.default.message\" . }}"), ("description", "{{ template \"opsgenie.default.description\" . }}"), ("source", "{{ template \"opsgenie.default.source\" . }}"))),
        new("wechat", false, FieldsOf(("api_secret", FieldKind.Secret), ("api_url", FieldKind.String), ("corp_id", FieldKind.String), ("agent_id", FieldKind.String), ("to_user", FieldKind.String), ("to_party", FieldKind.String), ("to_tag", FieldKind.String), ("message", FieldKind.String), ("message_type", FieldKind.String)), DefaultsOf(
            ("message", "{{ template \"wechat.default.message\" . }}"), ("to_user", "{{ template \"wechat.default.to_user\" . }}"), ("to_party", "{{ template \"wechat.default.to_party\" . }}"), ("to_tag", "{{ template \"wechat.default.to_tag\" . }}"), ("agent_id", "{{ template \"wechat.default.agent_id\" . }}"), ("message_type", "text"))),
        new("pushover", true, FieldsOf(("user_key", FieldKind.Secret), ("user_key_file", FieldKind.String), ("token", FieldKind.Secret), ("token_file", FieldKind.String), ("title", FieldKind.String), ("message", FieldKind.String), ("url", FieldKind.String), ("url_title", FieldKind.String), ("device", FieldKind.String), ("sound", FieldKind.String), ("priority", FieldKind.String), ("retry", FieldKind.Duration), ("expire", FieldKind.Duration), ("ttl", FieldKind.Duration), ("html", FieldKind.Bool)), DefaultsOf(
            ("title", "{{ template \"pushover.default.title\" . }}"), ("message", "{{ template \"pushover.default.message\" . }}"), ("url", "{{ template \"pushover.default.url\" . }}"), ("priority", "{{ if eq .Status \"firing\" }}2{{ else }}0{{ end }}"))),
        new("victorops", true, FieldsOf(("api_key", FieldKind.Secret), ("api_key_file", FieldKind.String), ("api_url", FieldKind.String), ("routing_key", FieldKind.String), ("message_type", FieldKind.String), ("entity_display_name", FieldKind.String), ("state_message", FieldKind.String), ("monitoring_tool", FieldKind.String), ("custom_fields", FieldKind.StringMap)), DefaultsOf(
            ("message_type", "CRITICAL"), ("state_message", "{{ template \"victorops.default.state_message\" . }}"), ("entity_display_name", "{{ template \"victorops.default.entity_display_name\" . }}"), ("monitoring_tool", "{{ template \"victorops.default.monitoring_tool\" . }}"))),
        new("sns", true, FieldsOf(("api_url", FieldKind.String), ("sigv4", FieldKind.Raw), ("topic_arn", FieldKind.String), ("phone_number", FieldKind.String), ("target_arn", FieldKind.String), ("subject", FieldKind.String), ("message", FieldKind.String), ("attributes", FieldKind.StringMap)), DefaultsOf(
            ("subject", "{{ template \"sns.default.subject\" . }}"), ("message", "{{ template \"sns.default.message\" . }}"))),
        new("telegram", true, FieldsOf(("api_url", FieldKind.String), ("bot_token", FieldKind.Secret), ("bot_token_file", FieldKind.String), ("chat_id", FieldKind.Int), ("message_thread_id", FieldKind.Int), ("message", FieldKind.String), ("disable_notifications", FieldKind.Bool), ("parse_mode", FieldKind.String)), DefaultsOf(
            ("message", "{{ template \"telegram.default.message\" . }}"), ("parse_mode", "HTML"))),
        new("webex", true, FieldsOf(("api_url", FieldKind.String), ("room_id", FieldKind.String), ("message", FieldKind.String)), DefaultsOf(
            ("message", "{{ template \"webex.default.message\" . }}"))),
        new("msteams", true, FieldsOf(("webhook_url", FieldKind.Secret), ("webhook_url_file", FieldKind.String), ("title", FieldKind.String), ("summary", FieldKind.String), ("text", FieldKind.String)), DefaultsOf(
            ("title", "{{ template \"msteams.default.title\" . }}"), ("summary", "{{ template \"msteams.default.summary\" . }}"), ("text", "{{ template \"msteams.default.text\" . }}"))),
    ];

    private static Dictionary<string, FieldKind> FieldsOf(params (string Name, FieldKind Kind)[] fields) =>
        fields.ToDictionary(f => f.Name, f => f.Kind, StringComparer.Ordinal);

    private static Dictionary<string, object?> DefaultsOf(params (string Name, object? Value)[] values) =>
        values.ToDictionary(f => f.Name, f => f.Value, StringComparer.Ordinal);
}
