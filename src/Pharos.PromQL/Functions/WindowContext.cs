namespace Pharos.PromQL.Functions;

/// <summary>Where a range function's window sits: the evaluation step and the window bounds, all in milliseconds.</summary>
/// <param name="StepMs">The evaluation time of the step (upstream <c>enh.Ts</c>).</param>
/// <param name="RangeStartMs">Exclusive start of the window.</param>
/// <param name="RangeEndMs">Inclusive end of the window.</param>
internal readonly record struct WindowContext(long StepMs, long RangeStartMs, long RangeEndMs)
{
    public double RangeSeconds => (RangeEndMs - RangeStartMs) / 1000.0;
}
