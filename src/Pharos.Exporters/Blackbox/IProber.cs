namespace Pharos.Exporters.Blackbox;

/// <summary>A probe kind (<c>http</c>, <c>tcp</c>, <c>dns</c>, <c>icmp</c>), stateless and shared by all requests.</summary>
internal interface IProber
{
    /// <summary>Runs one probe; failures are logged to the probe log and reported as false, never thrown.</summary>
    /// <param name="context">The probe.</param>
    /// <param name="cancellationToken">Fires at the probe timeout.</param>
    /// <returns>Whether the probe succeeded.</returns>
    Task<bool> ProbeAsync(ProbeContext context, CancellationToken cancellationToken);
}
