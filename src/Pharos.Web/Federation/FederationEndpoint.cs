using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Pharos.Exposition.Writers;
using Pharos.Model;
using Pharos.PromQL.Parser;
using Pharos.Storage;
using Pharos.Web.Api;

namespace Pharos.Web.Federation;

/// <summary>
/// <c>/federate</c>: the newest sample within the lookback delta of every series matching any <c>match[]</c>
/// selector, in the Prometheus text format with timestamps, external labels added where a series lacks them,
/// grouped by metric name with a <c># TYPE … untyped</c> line per group, as upstream's federation handler.
/// </summary>
public sealed class FederationEndpoint
{
    private readonly PrometheusWebOptions _options;

    /// <summary>Creates the endpoint.</summary>
    /// <param name="options">The dependencies.</param>
    public FederationEndpoint(PrometheusWebOptions options) => _options = options;

    /// <summary>Handles one request.</summary>
    /// <param name="context">The request.</param>
    /// <returns>A task that completes when answered.</returns>
    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!_options.IsReady())
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await context.Response.WriteAsync("Service Unavailable", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        IReadOnlyList<Matcher[]> sets;
        try
        {
            var parameters = await ApiParameters.ReadAsync(context.Request).ConfigureAwait(false);
            sets = ParseSelectors(parameters.Values("match[]"));
        }
        catch (ApiException e)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(e.Message + "\n", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var body = new ArrayBufferWriter<byte>();
        Write(body, sets, _options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds(), context.RequestAborted);
        context.Response.ContentType = PrometheusTextWriter.ContentType;
        await context.Response.Body.WriteAsync(body.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Writes the federation output for the given selectors at a time.</summary>
    /// <param name="output">The destination.</param>
    /// <param name="sets">The selectors.</param>
    /// <param name="nowMs">The evaluation time.</param>
    /// <param name="cancellationToken">Cancels the selection.</param>
    public void Write(IBufferWriter<byte> output, IReadOnlyList<Matcher[]> sets, long nowMs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(sets);
        var minMs = nowMs - (long)_options.LookbackDelta.TotalMilliseconds;
        var samples = new Dictionary<Labels, (long TimestampMs, double Value)>();
        using (var querier = _options.Queryable.CreateQuerier(minMs, nowMs))
        {
            var hints = new SelectHints { StartMs = minMs, EndMs = nowMs };
            ISampleIterator? iterator = null;
            foreach (var set in sets)
            {
                var series = querier.Select(false, hints, set, cancellationToken);
                while (series.Next())
                {
                    var labels = series.Current.Labels;
                    if (samples.ContainsKey(labels))
                    {
                        continue;
                    }

                    iterator = series.Current.Iterator(iterator);
                    long lastTs = long.MinValue;
                    var lastValue = 0.0;
                    SampleType type;
                    while ((type = iterator.Next()) != SampleType.None)
                    {
                        // Native histograms have no text-format representation; upstream sends them only as protobuf.
                        if (type != SampleType.Float)
                        {
                            continue;
                        }

                        var (ts, value) = iterator.At();
                        if (ts > nowMs)
                        {
                            break;
                        }

                        if (ts >= minMs)
                        {
                            lastTs = ts;
                            lastValue = value;
                        }
                    }

                    if (lastTs != long.MinValue && !StaleMarker.IsStaleNaN(lastValue))
                    {
                        samples[labels] = (lastTs, lastValue);
                    }
                }
            }
        }

        // Upstream treats instance as an external label with an empty value, so a federating server does not
        // attach its own instance label to series that have none.
        var external = _options.ExternalLabels();
        var ordered = samples.Keys.ToList();
        ordered.Sort();
        string? currentName = null;
        var line = new StringBuilder();
        foreach (var labels in ordered)
        {
            var (ts, value) = samples[labels];
            var name = labels.MetricName;
            if (name != currentName)
            {
                PrometheusTextWriter.WriteType(output, name, MetricType.Unknown);
                currentName = name;
            }

            line.Clear();
            AppendSample(line, labels, external, value, ts);
            var bytes = Encoding.UTF8.GetBytes(line.ToString());
            output.Write(bytes);
        }
    }

    private static void AppendSample(StringBuilder line, in Labels labels, in Labels external, double value, long timestampMs)
    {
        var name = labels.MetricName;
        var legacy = NameValidation.IsLegacyMetricName(name);
        var separator = '{';
        if (legacy)
        {
            line.Append(name);
        }
        else
        {
            line.Append("{\"");
            AppendEscaped(line, name);
            line.Append('"');
            separator = ',';
        }

        foreach (var label in labels.Span)
        {
            if (label.Name != LabelNames.MetricName)
            {
                AppendLabel(line, ref separator, label.Name, label.Value);
            }
        }

        foreach (var label in external.Span)
        {
            if (!labels.Has(label.Name))
            {
                AppendLabel(line, ref separator, label.Name, label.Value);
            }
        }

        if (!labels.Has("instance") && !external.Has("instance"))
        {
            AppendLabel(line, ref separator, "instance", string.Empty);
        }

        if (separator == ',')
        {
            line.Append('}');
        }

        line.Append(' ').Append(ApiJson.FormatFloatG(value));
        line.Append(' ').Append(timestampMs.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }

    private static void AppendLabel(StringBuilder line, ref char separator, string name, string value)
    {
        line.Append(separator);
        separator = ',';
        if (NameValidation.IsLegacyLabelName(name))
        {
            line.Append(name);
        }
        else
        {
            line.Append('"');
            AppendEscaped(line, name);
            line.Append('"');
        }

        line.Append("=\"");
        AppendEscaped(line, value);
        line.Append('"');
    }

    private static void AppendEscaped(StringBuilder line, string text)
    {
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\':
                    line.Append("\\\\");
                    break;
                case '"':
                    line.Append("\\\"");
                    break;
                case '\n':
                    line.Append("\\n");
                    break;
                default:
                    line.Append(c);
                    break;
            }
        }
    }

    private static List<Matcher[]> ParseSelectors(IReadOnlyList<string> selectors)
    {
        var sets = new List<Matcher[]>(selectors.Count);
        foreach (var selector in selectors)
        {
            try
            {
                sets.Add(PromQLParser.ParseMetricSelector(selector));
            }
            catch (PromQLParseException e)
            {
                throw new ApiException(ApiErrorType.BadData, e.Message);
            }
        }

        return sets;
    }
}
