using System.Globalization;
using System.Text.Json;

namespace Pharos.PromQL.Engine;

/// <summary>
/// Statistics of one query execution (upstream <c>stats.Statistics</c>): the timings and sample counts that
/// <c>stats=all</c> and the query log report. Written by the engine while the query runs; read-only afterwards.
/// </summary>
public sealed class QueryStats
{
    /// <summary>
    /// Samples the query processed (upstream <c>totalQueryableSamples</c>): one per point an instant selector yields at
    /// a step, the points of every range window per step, and everything a subquery processed.
    /// </summary>
    public long TotalSamples { get; set; }

    /// <summary>The most samples held in memory at once (upstream <c>peakSamples</c>).</summary>
    public long PeakSamples { get; set; }

    /// <summary>Raw samples read from storage; each is counted once however many windows it falls into.</summary>
    public long SamplesLoaded { get; set; }

    /// <summary>
    /// <see cref="TotalSamples"/> split by step of the top-level query (upstream <c>totalQueryableSamplesPerStep</c>);
    /// null unless <see cref="QueryOptions.EnablePerStepStats"/> was set.
    /// </summary>
    public IReadOnlyList<StepSamples>? TotalSamplesPerStep { get; set; }

    /// <summary>Wall time from the start of preparation to the sorted result (upstream <c>evalTotalTime</c>).</summary>
    public TimeSpan EvalTime { get; set; }

    /// <summary>Wall time spent waiting for a slot in the concurrency gate (upstream <c>execQueueTime</c>).</summary>
    public TimeSpan QueueTime { get; set; }

    /// <summary>Wall time spent opening the storage querier (upstream <c>queryPreparationTime</c>).</summary>
    public TimeSpan PreparationTime { get; set; }

    /// <summary>Wall time spent evaluating the expression tree (upstream <c>innerEvalTime</c>).</summary>
    public TimeSpan InnerEvalTime { get; set; }

    /// <summary>Wall time spent sorting the result (upstream <c>resultSortTime</c>).</summary>
    public TimeSpan ResultSortTime { get; set; }

    /// <summary>Wall time of the whole execution, queueing included (upstream <c>execTotalTime</c>).</summary>
    public TimeSpan ExecTotalTime { get; set; }

    /// <summary>
    /// Writes the statistics as upstream's JSON object: <c>{"timings":{…},"samples":{…}}</c> with times in seconds,
    /// as the HTTP API's <c>stats</c> field and the query log carry it.
    /// </summary>
    /// <param name="writer">Where the object is written.</param>
    public void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteStartObject("timings");
        writer.WriteNumber("evalTotalTime", EvalTime.TotalSeconds);
        writer.WriteNumber("resultSortTime", ResultSortTime.TotalSeconds);
        writer.WriteNumber("queryPreparationTime", PreparationTime.TotalSeconds);
        writer.WriteNumber("innerEvalTime", InnerEvalTime.TotalSeconds);
        writer.WriteNumber("execQueueTime", QueueTime.TotalSeconds);
        writer.WriteNumber("execTotalTime", ExecTotalTime.TotalSeconds);
        writer.WriteEndObject();
        writer.WriteStartObject("samples");
        if (TotalSamplesPerStep is { Count: > 0 } perStep)
        {
            writer.WriteStartArray("totalQueryableSamplesPerStep");
            foreach (var step in perStep)
            {
                // Each step is [unix seconds with millisecond decimals, count], as upstream's stepStat.
                writer.WriteStartArray();
                writer.WriteRawValue((step.TimestampMs / 1000m).ToString(CultureInfo.InvariantCulture));
                writer.WriteNumberValue(step.Samples);
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
        }

        writer.WriteNumber("totalQueryableSamples", TotalSamples);
        writer.WriteNumber("peakSamples", PeakSamples);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
