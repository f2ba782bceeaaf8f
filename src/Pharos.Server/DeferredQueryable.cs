using Pharos.Storage;
using IQueryable = Pharos.Storage.IQueryable;

namespace Pharos.Server;

/// <summary>
/// The storage the API and scrapers see while the TSDB may still be replaying its WAL: empty until
/// <see cref="Target"/> is set, then the TSDB. The API answers 503 until ready, so the empty phase is not observed
/// by clients; it only keeps the web server independent of the open.
/// </summary>
internal sealed class DeferredQueryable : IQueryable, IAppendable
{
    private volatile IQueryable? _queryable;
    private volatile IAppendable? _appendable;

    public void Target<T>(T storage)
        where T : IQueryable, IAppendable
    {
        _appendable = storage;
        _queryable = storage;
    }

    public IQuerier CreateQuerier(long minTimeMs, long maxTimeMs) =>
        _queryable?.CreateQuerier(minTimeMs, maxTimeMs) ?? new MemoryStorage().CreateQuerier(minTimeMs, maxTimeMs);

    public IAppender CreateAppender() =>
        _appendable?.CreateAppender() ?? throw new InvalidOperationException("the TSDB is not open yet");
}
