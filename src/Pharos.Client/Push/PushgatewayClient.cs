using System.Net.Http.Headers;
using System.Text;

namespace Pharos.Client.Push;

/// <summary>
/// Pushes a registry's metrics to a Pushgateway, as client_golang's <c>push</c> package: <see cref="PushAsync"/>
/// (PUT: replace the whole group), <see cref="AddAsync"/> (POST: replace only same-named families) and
/// <see cref="DeleteAsync"/> (DELETE the group), on <c>/metrics/job/&lt;job&gt;{/&lt;label&gt;/&lt;value&gt;}</c>.
/// Values containing <c>/</c> are sent as <c>&lt;label&gt;@base64/&lt;url-safe base64&gt;</c> and empty values as
/// <c>&lt;label&gt;@base64/=</c>. Configure the grouping before use; pushing is thread-safe afterwards.
/// </summary>
public sealed class PushgatewayClient
{
    private readonly Uri _baseAddress;
    private readonly string _job;
    private readonly HttpClient _httpClient;
    private readonly List<KeyValuePair<string, string>> _grouping = [];

    /// <summary>Creates a client for one job.</summary>
    /// <param name="baseAddress">The Pushgateway address, for example <c>http://pushgateway:9091</c>; a path prefix is kept.</param>
    /// <param name="job">The job name; required and non-empty.</param>
    /// <param name="httpClient">The client to send with; a shared default when null. The caller keeps ownership.</param>
    public PushgatewayClient(Uri baseAddress, string job, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        ArgumentException.ThrowIfNullOrEmpty(job);
        _baseAddress = baseAddress;
        _job = job;
        _httpClient = httpClient ?? SharedClient.Value;
    }

    /// <summary>The body format; delimited protobuf by default, as client_golang pushes.</summary>
    public ExpositionFormat Format { get; init; } = ExpositionFormat.Protobuf;

    /// <summary>Adds a grouping label (after <c>job</c>) to the group's path.</summary>
    /// <param name="name">A valid label name other than <c>job</c>.</param>
    /// <param name="value">The value; any string, including empty or containing <c>/</c>.</param>
    /// <returns>This client, for chaining.</returns>
    public PushgatewayClient WithGrouping(string name, string value)
    {
        if (!MetricNames.IsValidLabelName(name) || name == "job" || name.StartsWith("__", StringComparison.Ordinal))
        {
            MetricNames.ThrowInvalid($"'{name}' is not a valid grouping label name.", nameof(name));
        }

        ArgumentNullException.ThrowIfNull(value);
        _grouping.Add(new(name, value));
        return this;
    }

    /// <summary>The request path of the group, for example <c>/metrics/job/batch/instance/db1</c>.</summary>
    public string GroupPath
    {
        get
        {
            var sb = new StringBuilder("/metrics/");
            AppendSegment(sb, "job", _job);
            foreach (var (name, value) in _grouping)
            {
                sb.Append('/');
                AppendSegment(sb, name, value);
            }

            return sb.ToString();
        }
    }

    /// <summary>Replaces every metric of the group with the registry's metrics (HTTP PUT).</summary>
    /// <param name="registry">The metrics to push.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the Pushgateway accepted the push.</returns>
    /// <exception cref="HttpRequestException">The Pushgateway answered with a status other than 200 or 202.</exception>
    public Task PushAsync(MetricRegistry registry, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Put, registry, cancellationToken);

    /// <summary>Replaces the group's metrics that share a name with the registry's metrics (HTTP POST).</summary>
    /// <param name="registry">The metrics to push.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the Pushgateway accepted the push.</returns>
    /// <exception cref="HttpRequestException">The Pushgateway answered with a status other than 200 or 202.</exception>
    public Task AddAsync(MetricRegistry registry, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, registry, cancellationToken);

    /// <summary>Deletes the whole group (HTTP DELETE).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the Pushgateway accepted the deletion.</returns>
    /// <exception cref="HttpRequestException">The Pushgateway answered with a status other than 200 or 202.</exception>
    public Task DeleteAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, null, cancellationToken);

    private static readonly Lazy<HttpClient> SharedClient = new(() => new HttpClient());

    private static void AppendSegment(StringBuilder sb, string name, string value)
    {
        sb.Append(name);
        if (value.Length == 0)
        {
            // The Pushgateway reads "=" after @base64 as an empty value (a path segment cannot be empty).
            sb.Append("@base64/=");
        }
        else if (value.Contains('/', StringComparison.Ordinal))
        {
            sb.Append("@base64/").Append(Base64UrlWithoutPadding(value));
        }
        else
        {
            sb.Append('/').Append(Uri.EscapeDataString(value));
        }
    }

    private static string Base64UrlWithoutPadding(string value) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(value)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private async Task SendAsync(HttpMethod method, MetricRegistry? registry, CancellationToken cancellationToken)
    {
        var uri = new Uri(_baseAddress.GetLeftPart(UriPartial.Path).TrimEnd('/') + GroupPath);
        using var request = new HttpRequestMessage(method, uri);
        if (registry is not null)
        {
            var body = registry.ToArray(Format);
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(ExpositionFormats.GetContentType(Format));
        }

        using var response = await _httpClient.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is not (System.Net.HttpStatusCode.OK or System.Net.HttpStatusCode.Accepted))
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new HttpRequestException(
                $"Pushgateway {method} {uri} returned {(int)response.StatusCode}: {text}", null, response.StatusCode);
        }
    }
}
