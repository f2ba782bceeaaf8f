using System.Net.Http.Headers;
using System.Text;
using Pharos.Alertmanager.Config;

namespace Pharos.Alertmanager.Notify.Receivers;

/// <summary>
/// Posts a notification body for the HTTP integrations and turns the outcome into upstream's retry decision:
/// network errors and 5xx (and 429) are worth retrying, other non-2xx answers are not.
/// </summary>
internal sealed class HttpSender
{
    private readonly HttpClient _client;
    private readonly IntegrationConfig _config;

    public HttpSender(HttpClient client, IntegrationConfig config)
    {
        _client = client;
        _config = config;
    }

    /// <summary>A URL field, or the content of its <c>_file</c> variant.</summary>
    public string Url(string field)
    {
        var url = _config.Get(field);
        if (url.Length == 0 && _config.Get(field + "_file") is { Length: > 0 } file)
        {
            try
            {
                url = File.ReadAllText(file).Trim();
            }
            catch (IOException e)
            {
                throw new NotifyException($"unable to read {field}_file: {e.Message}", retry: false, e);
            }
        }

        return url;
    }

    /// <summary>A secret field, or the content of its <c>_file</c> variant.</summary>
    public string Secret(string field) => Url(field);

    public async Task<string> PostAsync(string url, byte[] body, CancellationToken cancellationToken, string contentType = "application/json", Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.UserAgent.ParseAdd("Alertmanager/" + Hosting.BuildInfo.Version);
        ApplyHttpConfig(request);
        configure?.Invoke(request);
        HttpResponseMessage response;
        try
        {
            response = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new NotifyException($"Post \"{Redact(url)}\": {e.Message}", retry: true, e);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var code = (int)response.StatusCode;
            if (code / 100 == 2)
            {
                return text;
            }

            throw new NotifyException($"unexpected status code {code}: {Redact(url)}: {text.Trim()}", retry: code / 100 == 5 || code == 429);
        }
    }

    private void ApplyHttpConfig(HttpRequestMessage request)
    {
        if (!_config.Fields.TryGetValue("http_config", out var raw) || raw is not IEnumerable<KeyValuePair<string, object?>> http)
        {
            return;
        }

        foreach (var (key, value) in http)
        {
            var map = value as IEnumerable<KeyValuePair<string, object?>>;
            string Field(string name) => map?.FirstOrDefault(kv => kv.Key == name).Value as string ?? "";
            switch (key)
            {
                case "basic_auth":
                    var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes(Field("username") + ":" + Field("password")));
                    request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credentials);
                    break;
                case "authorization":
                    request.Headers.Authorization = new AuthenticationHeaderValue(Field("type") is { Length: > 0 } t ? t : "Bearer", Field("credentials"));
                    break;
                case "bearer_token" when value is string token:
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    break;
            }
        }
    }

    // Upstream keeps URLs (which often hold tokens) out of error messages.
    private static string Redact(string url) => Uri.TryCreate(url, UriKind.Absolute, out var u) ? $"{u.Scheme}://{u.Authority}/<redacted>" : "<redacted>";
}
