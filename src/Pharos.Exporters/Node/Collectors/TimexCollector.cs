using Pharos.Exporters.Node.Native;

namespace Pharos.Exporters.Node.Collectors;

/// <summary><c>timex</c>: the kernel clock discipline state from <c>adjtimex(2)</c>.</summary>
internal sealed class TimexCollector : INodeCollector
{
    private const int TimeError = 5;
    private const long StatusNano = 0x2000;

    // 1 ppm with a 16-bit fractional part, the unit of freq, ppsfreq and stabil.
    private const double Ppm16Frac = 1_000_000.0 * 65536.0;

    public string Name => "timex";

    public void Update(MetricBatch batch)
    {
        var w = new long[LibC.TimexWords];
        var state = LibC.Adjtimex(w);
        var status = (int)w[5];
        var divisor = (status & StatusNano) != 0 ? 1e9 : 1e6;

        batch.Gauge("node_timex_offset_seconds", "Time offset in between local system and reference clock.", w[1] / divisor);
        batch.Gauge("node_timex_frequency_adjustment_ratio", "Local clock frequency adjustment.", 1 + (w[2] / Ppm16Frac));
        batch.Gauge("node_timex_maxerror_seconds", "Maximum error in seconds.", w[3] / 1e6);
        batch.Gauge("node_timex_estimated_error_seconds", "Estimated error in seconds.", w[4] / 1e6);
        batch.Gauge("node_timex_status", "Value of the status array bits.", status);
        batch.Gauge("node_timex_loop_time_constant", "Phase-locked loop time constant.", w[6]);
        batch.Gauge("node_timex_tick_seconds", "Seconds between clock ticks.", w[11] / 1e6);
        batch.Gauge("node_timex_pps_frequency_hertz", "Pulse per second frequency.", w[12] / Ppm16Frac);
        batch.Gauge("node_timex_pps_jitter_seconds", "Pulse per second jitter.", w[13] / divisor);
        batch.Gauge("node_timex_pps_shift_seconds", "Pulse per second interval duration.", (int)w[14]);
        batch.Gauge("node_timex_pps_stability_hertz", "Pulse per second stability, average of recent frequency changes.", w[15] / Ppm16Frac);
        batch.Counter("node_timex_pps_jitter_total", "Pulse per second count of jitter limit exceeded events.", w[16]);
        batch.Counter("node_timex_pps_calibration_total", "Pulse per second count of calibration intervals.", w[17]);
        batch.Counter("node_timex_pps_error_total", "Pulse per second count of calibration errors.", w[18]);
        batch.Counter("node_timex_pps_stability_exceeded_total", "Pulse per second count of stability limit exceeded events.", w[19]);
        batch.Gauge("node_timex_tai_offset_seconds", "International Atomic Time (TAI) offset.", (int)w[20]);
        batch.Gauge("node_timex_sync_status", "Is clock synchronized to a reliable server (1 = yes, 0 = no).", state == TimeError ? 0 : 1);
    }
}
