namespace Pharos.Model;

/// <summary>Label names with a meaning fixed by Prometheus.</summary>
public static class LabelNames
{
    /// <summary>The label that holds the metric name.</summary>
    public const string MetricName = "__name__";

    /// <summary>The target address label set by service discovery.</summary>
    public const string Address = "__address__";

    /// <summary>The scheme used to scrape a target.</summary>
    public const string Scheme = "__scheme__";

    /// <summary>The HTTP path used to scrape a target.</summary>
    public const string MetricsPath = "__metrics_path__";

    /// <summary>The scrape interval of a target.</summary>
    public const string ScrapeInterval = "__scrape_interval__";

    /// <summary>The scrape timeout of a target.</summary>
    public const string ScrapeTimeout = "__scrape_timeout__";

    /// <summary>The job label.</summary>
    public const string Job = "job";

    /// <summary>The instance label.</summary>
    public const string Instance = "instance";

    /// <summary>The histogram bucket upper bound label.</summary>
    public const string BucketUpperBound = "le";

    /// <summary>The summary quantile label.</summary>
    public const string Quantile = "quantile";

    /// <summary>Prefix of labels that are internal and removed after relabeling.</summary>
    public const string ReservedPrefix = "__";

    /// <summary>Prefix of URL parameters set through relabeling.</summary>
    public const string ParamPrefix = "__param_";

    /// <summary>Prefix of temporary labels in relabeling.</summary>
    public const string TmpPrefix = "__tmp_";

    /// <summary>Prefix of service discovery metadata labels.</summary>
    public const string MetaPrefix = "__meta_";
}
