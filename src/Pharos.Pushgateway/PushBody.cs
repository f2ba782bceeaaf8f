using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Pharos.Exposition;
using Pharos.Exposition.Body;
using Pharos.Exposition.Model;

namespace Pharos.Pushgateway;

/// <summary>
/// Decodes a push body as upstream does: delimited protobuf when the Content-Type says
/// <c>application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited</c>, the Prometheus
/// text format otherwise; gzip when <c>Content-Encoding: gzip</c>.
/// </summary>
public static class PushBody
{
    /// <summary>Reads and parses the request body.</summary>
    /// <param name="request">The push request.</param>
    /// <param name="maxBodyBytes">The limit on the decoded body; 0 or less for none.</param>
    /// <returns>The families by name, or the error to answer 400 with.</returns>
    public static async Task<(Dictionary<string, MetricFamily>? Families, string? Error)> ReadAsync(HttpRequest request, long maxBodyBytes)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var buffer = new BodyBuffer();
        try
        {
            await BodyReader.ReadAsync(
                request.Body,
                BodyReader.IsGzip(request.Headers.ContentEncoding),
                buffer,
                maxBodyBytes,
                cancellationToken: request.HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (BodySizeLimitExceededException e)
        {
            return (null, e.Message);
        }
        catch (InvalidDataException e)
        {
            return (null, e.Message);
        }

        return Parse(buffer.WrittenMemory, IsDelimitedProtobuf(request.ContentType));
    }

    /// <summary>Parses a body.</summary>
    /// <param name="body">The decoded body.</param>
    /// <param name="protobuf">True for delimited protobuf, false for text.</param>
    /// <returns>The families by name, or the error.</returns>
    public static (Dictionary<string, MetricFamily>? Families, string? Error) Parse(ReadOnlyMemory<byte> body, bool protobuf)
    {
        List<MetricFamily> parsed;
        try
        {
            parsed = MetricFamilyReader.Read(body, protobuf ? ExpositionFormat.Protobuf : ExpositionFormat.PrometheusText, ParserMode.Scrape);
        }
        catch (ExpositionParseException e)
        {
            return (null, protobuf ? e.Message : $"text format parsing error in line {e.Line}: {e.Reason}");
        }

        var families = new Dictionary<string, MetricFamily>(StringComparer.Ordinal);
        foreach (var family in parsed)
        {
            if (!protobuf && families.TryGetValue(family.Name, out var existing) && existing.Type == family.Type)
            {
                // The text parser of upstream collects the samples of a name wherever they appear.
                existing.Points.AddRange(family.Points);
                continue;
            }

            // Protobuf: a later message of the same name replaces the earlier one, as upstream warns.
            families[family.Name] = family;
        }

        return (families, null);
    }

    /// <summary>Whether a Content-Type selects the delimited protobuf encoding.</summary>
    /// <param name="contentType">The header value.</param>
    /// <returns>True for delimited <c>io.prometheus.client.MetricFamily</c> messages.</returns>
    public static bool IsDelimitedProtobuf(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media) ||
            !string.Equals(media.MediaType, "application/vnd.google.protobuf", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        string? Parameter(string name) =>
            media.Parameters.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))?.Value?.Trim('"');

        return Parameter("proto") == "io.prometheus.client.MetricFamily" && Parameter("encoding") == "delimited";
    }
}
