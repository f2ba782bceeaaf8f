using Pharos.Model;
using Pharos.Templating.Functions;
using Pharos.Templating.Values;

namespace Pharos.Templating.Prometheus;

/// <summary>
/// Prometheus's template functions (its <c>template</c> package): query helpers, humanizers, string and regex
/// helpers, links. Added to a table next to Go's built-ins.
/// </summary>
public static partial class PrometheusFunctions
{
    /// <summary>Go's built-ins plus Prometheus's functions bound to <paramref name="context"/>.</summary>
    /// <param name="context">The host's external URL and query function.</param>
    /// <returns>A new table.</returns>
    public static TemplateFunctions Create(PrometheusTemplateContext context)
    {
        var table = TemplateFunctions.CreateBuiltins();
        AddTo(table, context);
        return table;
    }

    /// <summary>Adds Prometheus's functions to <paramref name="table"/>.</summary>
    /// <param name="table">The table to extend.</param>
    /// <param name="context">The host's external URL and query function.</param>
    public static void AddTo(TemplateFunctions table, PrometheusTemplateContext context)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(context);
        var externalUrl = context.ExternalUrl;
        table.Add("query", 1, 1, (ctx, a) => Query(context, ctx, Args.String(a, 0)))
            .Add("first", 1, 1, (_, a) => First(a[0]))
            .Add("label", 2, 2, (_, a) => Sample(a[1]).Labels.GetValueOrDefault(Args.String(a, 0), ""))
            .Add("value", 1, 1, (_, a) => Sample(a[0]).Value)
            .Add("strvalue", 1, 1, (_, a) => Sample(a[0]).Labels.GetValueOrDefault("__value__", ""))
            .Add("args", 0, -1, (_, a) => ArgsMap(a))
            .Add("reReplaceAll", 3, 3, (_, a) => GoRegex.ReplaceAll(Args.String(a, 0), Args.String(a, 1), Args.String(a, 2)))
            .Add("safeHtml", 1, 1, (_, a) => new SafeHtml(Args.String(a, 0)))
            .Add("match", 2, 2, (_, a) => GoRegex.IsMatch(Args.String(a, 0), Args.String(a, 1)))
            .Add("title", 1, 1, (_, a) => TextCase.Title(Args.String(a, 0), lowerRest: false))
            .Add("toUpper", 1, 1, (_, a) => Args.String(a, 0).ToUpperInvariant())
            .Add("toLower", 1, 1, (_, a) => Args.String(a, 0).ToLowerInvariant())
            .Add("graphLink", 1, 1, (_, a) => "/graph?g0.expr=" + Escaping.QueryEscape(Args.String(a, 0)) + "&g0.tab=0")
            .Add("tableLink", 1, 1, (_, a) => "/graph?g0.expr=" + Escaping.QueryEscape(Args.String(a, 0)) + "&g0.tab=1")
            .Add("sortByLabel", 2, 2, (_, a) => SortByLabel(Args.String(a, 0), a[1]))
            .Add("humanize", 1, 1, (_, a) => Humanize(Args.Float(a[0])))
            .Add("humanize1024", 1, 1, (_, a) => Humanize1024(Args.Float(a[0])))
            .Add("humanizeDuration", 1, 1, (_, a) => HumanizeDuration(Args.Float(a[0])))
            .Add("humanizePercentage", 1, 1, (_, a) => GoFormat.Sprintf("%.4g%%", [Args.Float(a[0]) * 100]))
            .Add("humanizeTimestamp", 1, 1, (_, a) => HumanizeTimestamp(Args.Float(a[0])))
            .Add("toTime", 1, 1, (_, a) => ToTime(Args.Float(a[0])))
            .Add("toDuration", 1, 1, (_, a) => ToDuration(Args.Float(a[0])))
            .Add("pathPrefix", 0, 0, (_, _) => externalUrl?.AbsolutePath.TrimEnd('/') ?? "")
            .Add("externalURL", 0, 0, (_, _) => externalUrl?.ToString().TrimEnd('/') ?? "")
            .Add("parseDuration", 1, 1, (_, a) => ParseDuration(Args.String(a, 0)))
            .Add("stripPort", 1, 1, (_, a) => StripPort(Args.String(a, 0)))
            .Add("stripDomain", 1, 1, (_, a) => StripDomain(Args.String(a, 0)));
    }

    private static List<object?> Query(PrometheusTemplateContext context, TemplateCallContext call, string query)
    {
        var run = context.Query ?? throw new TemplateFunctionException("query is not supported here");
        return [.. run(query, call.CancellationToken)];
    }

    private static QuerySample Sample(object? value) => value switch
    {
        QuerySample s => s,
        null => throw new TemplateFunctionException("invalid memory address or nil pointer dereference"),
        _ => throw Args.WrongType("*template.sample", value),
    };

    private static QuerySample First(object? value)
    {
        var list = GoValues.AsList(value) ?? throw Args.WrongType("template.queryResult", value);
        return list.Count > 0 ? Sample(list[0]) : throw new TemplateFunctionException("first() called on vector with no elements");
    }

    private static Dictionary<string, object?> ArgsMap(IReadOnlyList<object?> args)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            map["arg" + i] = args[i];
        }

        return map;
    }

    private static List<object?> SortByLabel(string label, object? value)
    {
        var list = GoValues.AsList(value) ?? throw Args.WrongType("template.queryResult", value);
        var samples = list.Select(Sample).ToList();

        // OrderBy is stable, as Prometheus's sort.Stable.
        return [.. samples.OrderBy(s => s.Labels.GetValueOrDefault(label, ""), StringComparer.Ordinal)];
    }

    private static double ParseDuration(string text) =>
        PrometheusDuration.TryParse(text, out var duration, out var error)
            ? duration.TotalSeconds
            : throw new TemplateFunctionException(error ?? $"not a valid duration string: \"{text}\"");

    private static string StripPort(string hostPort) => HostPort.TrySplit(hostPort, out var host, out _) ? host : hostPort;

    private static string StripDomain(string hostPort)
    {
        var hasPort = HostPort.TrySplit(hostPort, out var host, out var port);
        if (!hasPort)
        {
            host = hostPort;
        }

        if (System.Net.IPAddress.TryParse(host, out _))
        {
            return hostPort;
        }

        host = host.Split('.')[0];
        return hasPort ? HostPort.Join(host, port) : host;
    }
}
