namespace Pharos.Notifier;

/// <summary>One Alertmanager as <c>/api/v1/alertmanagers</c> lists it.</summary>
/// <param name="Url">The alerts endpoint, such as <c>http://127.0.0.1:9093/api/v2/alerts</c>.</param>
/// <param name="SetName">The <c>alerting.alertmanagers</c> entry it belongs to (<c>config-0</c>, …).</param>
public sealed record AlertmanagerEndpoint(string Url, string SetName);
