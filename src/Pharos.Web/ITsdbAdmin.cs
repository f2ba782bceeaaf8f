using Pharos.Model;

namespace Pharos.Web;

/// <summary>The TSDB admin operations behind <c>/api/v1/admin/tsdb/*</c> (only with <c>--web.enable-admin-api</c>).</summary>
public interface ITsdbAdmin
{
    /// <summary>Marks the samples of matching series in a time range deleted (tombstones).</summary>
    /// <param name="minTimeMs">Inclusive start.</param>
    /// <param name="maxTimeMs">Inclusive end.</param>
    /// <param name="matchers">The matchers of one selector.</param>
    void DeleteSeries(long minTimeMs, long maxTimeMs, IReadOnlyList<Matcher> matchers);

    /// <summary>Rewrites blocks without their deleted data.</summary>
    void CleanTombstones();

    /// <summary>Writes a snapshot under <c>&lt;data&gt;/snapshots/</c>.</summary>
    /// <param name="skipHead">Leave out the data still in the head.</param>
    /// <returns>The snapshot's directory name.</returns>
    string Snapshot(bool skipHead);
}
