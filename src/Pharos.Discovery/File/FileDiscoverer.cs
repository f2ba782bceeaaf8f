using System.Globalization;
using System.IO.Enumeration;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Pharos.Config.Discovery;

namespace Pharos.Discovery.File;

/// <summary>
/// Reads target groups from JSON and YAML files, as upstream's file discovery: the files matching the patterns
/// (a glob only in the last path element) are re-read when their directory changes and every refresh interval.
/// Group <c>i</c> of file <c>f</c> has source <c>f:i</c> and the label <c>__meta_filepath</c>. A file that cannot
/// be read or parsed keeps its previous groups and counts an error; groups of vanished files are sent empty.
/// </summary>
internal sealed partial class FileDiscoverer : IDiscoverer
{
    /// <summary>The label holding the file a target came from.</summary>
    public const string FilepathLabel = "__meta_filepath";

    private readonly IReadOnlyList<string> _patterns;
    private readonly TimeSpan _refreshInterval;
    private readonly TimeProvider _timeProvider;
    private readonly DiscoveryMetrics _metrics;
    private readonly ILogger _logger;

    // Group count per file at the last refresh, to send empty groups for the ones that disappeared.
    private Dictionary<string, int> _lastRefresh = new(StringComparer.Ordinal);

    public FileDiscoverer(FileSdConfig config, DiscovererOptions options)
    {
        var baseDirectory = options.ManagerOptions.BaseDirectory.Length > 0 ? options.ManagerOptions.BaseDirectory : Directory.GetCurrentDirectory();
        _patterns = [.. config.Files.Select(f => Path.GetFullPath(f.Trim(), baseDirectory))];
        _refreshInterval = config.RefreshInterval;
        _timeProvider = options.TimeProvider;
        _metrics = options.Metrics;
        _logger = options.LoggerFactory.CreateLogger<FileDiscoverer>();
    }

    public async Task RunAsync(ChannelWriter<IReadOnlyList<DiscoveredTargetGroup>> updates, CancellationToken cancellationToken)
    {
        // Change notifications only wake the loop; one pending wake-up is enough however many events arrive.
        var changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        var watchers = Watch(() => changed.Writer.TryWrite(true));
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await RefreshAsync(updates, cancellationToken).ConfigureAwait(false);
                using var wake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var delay = Task.Delay(_refreshInterval, _timeProvider, wake.Token);
                var notified = changed.Reader.WaitToReadAsync(wake.Token).AsTask();
                await Task.WhenAny(delay, notified).ConfigureAwait(false);
                await wake.CancelAsync().ConfigureAwait(false);
                changed.Reader.TryRead(out _);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
        finally
        {
            foreach (var w in watchers)
            {
                w.Dispose();
            }
        }
    }

    /// <summary>Reads every matching file once and sends what changed; public for tests that drive refreshes directly.</summary>
    internal async Task RefreshAsync(ChannelWriter<IReadOnlyList<DiscoveredTargetGroup>> updates, CancellationToken cancellationToken)
    {
        var refreshed = new Dictionary<string, int>(StringComparer.Ordinal);
        var send = new List<DiscoveredTargetGroup>();
        foreach (var path in ListFiles())
        {
            if (refreshed.ContainsKey(path))
            {
                continue;
            }

            try
            {
                var groups = await ReadFileAsync(path, cancellationToken).ConfigureAwait(false);
                send.AddRange(groups);
                refreshed[path] = groups.Count;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                _metrics.FileReadErrors.Inc();
                LogReadError(_logger, path, e.Message);

                // Keep what the file said last time: its groups stay, and are not sent as removed below.
                refreshed[path] = _lastRefresh.GetValueOrDefault(path);
            }
        }

        foreach (var (path, count) in _lastRefresh)
        {
            var now = refreshed.GetValueOrDefault(path);
            for (var i = now; i < count; i++)
            {
                send.Add(GroupFactory.Empty(Source(path, i)));
            }
        }

        _lastRefresh = refreshed;
        if (send.Count > 0)
        {
            await updates.WriteAsync(send, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Source(string path, int index) => path + ":" + index.ToString(CultureInfo.InvariantCulture);

    private IEnumerable<string> ListFiles()
    {
        foreach (var pattern in _patterns)
        {
            var directory = Path.GetDirectoryName(pattern) ?? "/";
            var namePattern = Path.GetFileName(pattern);
            if (!Directory.Exists(directory))
            {
                continue;
            }

            List<string> matches;
            try
            {
                matches = [.. Directory.EnumerateFiles(directory)
                    .Where(f => FileSystemName.MatchesSimpleExpression(namePattern, Path.GetFileName(f), ignoreCase: false))
                    .Order(StringComparer.Ordinal)];
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _metrics.FileReadErrors.Inc();
                LogReadError(_logger, pattern, e.Message);
                continue;
            }

            foreach (var m in matches)
            {
                yield return m;
            }
        }
    }

    private static async Task<List<DiscoveredTargetGroup>> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        var bytes = await System.IO.File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        List<TargetGroupFile.Entry> entries;
        try
        {
            entries = Path.GetExtension(path).ToLowerInvariant() == ".json"
                ? TargetGroupFile.ParseJson(bytes)
                : TargetGroupFile.ParseYaml(TargetGroupFile.Decode(bytes));
        }
        catch (FormatException e)
        {
            throw new FormatException($"{path}:{e.Message}", e);
        }

        var groups = new List<DiscoveredTargetGroup>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            groups.Add(GroupFactory.Create(Source(path, i), entries[i].Targets, entries[i].Labels, FilepathLabel, path));
        }

        return groups;
    }

    private List<FileSystemWatcher> Watch(Action onChange)
    {
        var watchers = new List<FileSystemWatcher>();
        foreach (var directory in _patterns.Select(p => Path.GetDirectoryName(p) ?? "/").Distinct(StringComparer.Ordinal))
        {
            try
            {
                var watcher = new FileSystemWatcher(directory)
                {
                    NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
                };
                watcher.Changed += (_, _) => onChange();
                watcher.Created += (_, _) => onChange();
                watcher.Deleted += (_, _) => onChange();
                watcher.Renamed += (_, _) => onChange();
                watcher.Error += (_, e) =>
                {
                    _metrics.FileWatcherErrors.Inc();
                    LogWatchError(_logger, directory, e.GetException().Message);
                    onChange();
                };
                watcher.EnableRaisingEvents = true;
                watchers.Add(watcher);
            }
            catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException or PlatformNotSupportedException)
            {
                // As upstream: the periodic refresh still picks changes up.
                _metrics.FileWatcherErrors.Inc();
                LogWatchError(_logger, directory, e.Message);
            }
        }

        return watchers;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Error reading file {Path}: {Error}")]
    private static partial void LogReadError(ILogger logger, string path, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Error adding file watch for {Directory}: {Error}")]
    private static partial void LogWatchError(ILogger logger, string directory, string error);
}
