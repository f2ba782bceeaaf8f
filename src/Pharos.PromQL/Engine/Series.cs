using Pharos.Model;

namespace Pharos.PromQL.Engine;

/// <summary>One series of a range vector or range-query result: labels and points in timestamp order.</summary>
public sealed class Series
{
    /// <summary>Creates a series.</summary>
    /// <param name="metric">The labels.</param>
    public Series(Labels metric) => Metric = metric;

    /// <summary>The labels.</summary>
    public Labels Metric { get; set; }

    /// <summary>The float points, oldest first.</summary>
    public List<FPoint> Floats { get; } = [];

    /// <summary>The histogram points, oldest first.</summary>
    public List<HPoint> Histograms { get; } = [];

    /// <summary>Whether <c>__name__</c> is to be removed at the end of evaluation (delayed name removal).</summary>
    public bool DropName { get; set; }

    /// <summary>The number of points of both kinds.</summary>
    public int PointCount => Floats.Count + Histograms.Count;
}
