using Microsoft.Extensions.Logging;

namespace Pharos.Pushgateway;

/// <summary>
/// Writes the store to <c>--persistence.file</c> when it changed, at most once per interval, and a last time on
/// shutdown; restores it at start. A crash therefore loses at most one interval of acknowledged pushes.
/// </summary>
public sealed class Persister : IAsyncDisposable
{
    private readonly MetricStore _store;
    private readonly string _path;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private long _persistedVersion;
    private Task? _loop;

    /// <summary>Creates the persister; call <see cref="Restore"/> then <see cref="Start"/>.</summary>
    /// <param name="store">The store.</param>
    /// <param name="path">The persistence file.</param>
    /// <param name="interval">The write interval.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">The logger.</param>
    public Persister(MetricStore store, string path, TimeSpan interval, TimeProvider timeProvider, ILogger logger)
    {
        _store = store;
        _path = path;
        _interval = interval > TimeSpan.Zero ? interval : TimeSpan.FromMinutes(5);
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Loads the file into the store; a missing file is an empty state, a corrupt one is logged and ignored.</summary>
    public void Restore()
    {
        try
        {
            var groups = PersistenceFile.Read(_path);
            _store.Restore(groups);
            _persistedVersion = _store.Version;
            _logger.LogInformation("Restored persisted metrics {file} {groups}", _path, groups.Count);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            _logger.LogError(e, "Could not load persisted metrics {file}", _path);
        }
    }

    /// <summary>Starts the periodic writer.</summary>
    public void Start() => _loop = Task.Run(LoopAsync);

    /// <summary>Writes the store now if it changed since the last write.</summary>
    /// <returns>A task that completes when written.</returns>
    public async Task FlushAsync()
    {
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            var version = _store.Version;
            if (version == _persistedVersion && File.Exists(_path))
            {
                return;
            }

            PersistenceFile.Write(_path, _store.Groups());
            _persistedVersion = version;
            _logger.LogDebug("Metrics persisted {file}", _path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogError(e, "Error persisting metrics {file}", _path);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Stops the loop and writes a last time.</summary>
    /// <returns>A task that completes once the final write is done.</returns>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        await FlushAsync().ConfigureAwait(false);
        _stop.Dispose();
        _writeLock.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_interval, _timeProvider, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await FlushAsync().ConfigureAwait(false);
        }
    }
}
