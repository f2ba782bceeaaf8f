using Microsoft.Extensions.Logging;
using Pharos.Exporters.Blackbox.Config;

namespace Pharos.Exporters.Blackbox;

/// <summary>What a prober gets for one probe: the target, the module, the metrics to fill and the probe's log.</summary>
/// <param name="Target">The <c>target</c> query parameter.</param>
/// <param name="Module">The module's settings.</param>
/// <param name="Metrics">The registry of this probe.</param>
/// <param name="Logger">The probe log (also captured for <c>debug=true</c>).</param>
/// <param name="TimeProvider">The clock for durations and certificate expiry.</param>
internal sealed record ProbeContext(string Target, ModuleConfig Module, ProbeMetrics Metrics, ILogger Logger, TimeProvider TimeProvider);
