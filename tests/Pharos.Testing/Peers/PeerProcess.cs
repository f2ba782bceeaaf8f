using System.Diagnostics;
using System.Net;

namespace Pharos.Testing.Peers;

/// <summary>
/// A real program started for a test: runs in its own temporary working directory, keeps the tail of its
/// stdout/stderr for failure messages, and is killed (with its whole process tree) on dispose, after which the
/// working directory is deleted. Not thread-safe; one test owns one instance.
/// </summary>
public sealed class PeerProcess : IDisposable, IAsyncDisposable
{
    private const int MaxOutputLines = 400;

    private static readonly HttpClient Probe = new(new SocketsHttpHandler { UseProxy = false })
    {
        Timeout = TimeSpan.FromSeconds(5),
    };

    private readonly Process _process;
    private readonly OutputTail _output = new(MaxOutputLines);
    private bool _disposed;

    private PeerProcess(string name, string workingDirectory, Process process)
    {
        Name = name;
        WorkingDirectory = workingDirectory;
        _process = process;
    }

    /// <summary>A short name for messages (the executable's file name unless given).</summary>
    public string Name { get; }

    /// <summary>The temporary working directory; deleted on dispose.</summary>
    public string WorkingDirectory { get; }

    /// <summary>The operating-system process id.</summary>
    public int Id => _process.Id;

    /// <summary>Whether the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The last lines of stdout and stderr, each prefixed with its stream.</summary>
    public string Output => _output.ToString();

    /// <summary>Starts <paramref name="fileName"/> with fixed arguments in a new temporary working directory.</summary>
    /// <param name="fileName">The executable; an absolute path is checked for existence first.</param>
    /// <param name="arguments">The arguments, passed without shell interpretation.</param>
    /// <param name="environment">Extra environment variables; a null value removes the variable.</param>
    /// <param name="name">A name for messages; defaults to the executable's file name.</param>
    /// <returns>The running peer.</returns>
    public static PeerProcess Start(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? name = null) =>
        Start(fileName, _ => arguments, environment, name);

    /// <summary>
    /// Starts <paramref name="fileName"/> in a new temporary working directory, with arguments computed from that
    /// directory (for flags such as <c>--storage.tsdb.path</c> that must point into it).
    /// </summary>
    /// <param name="fileName">The executable; an absolute path is checked for existence first.</param>
    /// <param name="arguments">Builds the arguments from the working directory.</param>
    /// <param name="environment">Extra environment variables; a null value removes the variable.</param>
    /// <param name="name">A name for messages; defaults to the executable's file name.</param>
    /// <returns>The running peer.</returns>
    public static PeerProcess Start(
        string fileName,
        Func<string, IEnumerable<string>> arguments,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? name = null)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(arguments);
        name ??= Path.GetFileName(fileName);
        if (Path.IsPathRooted(fileName) && !File.Exists(fileName))
        {
            throw new FileNotFoundException($"Peer '{name}' cannot start: {fileName} does not exist.", fileName);
        }

        var workingDirectory = Directory.CreateTempSubdirectory("pharos-peer-").FullName;
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in arguments(workingDirectory))
        {
            startInfo.ArgumentList.Add(argument);
        }

        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                if (value is null)
                {
                    startInfo.Environment.Remove(key);
                }
                else
                {
                    startInfo.Environment[key] = value;
                }
            }
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var peer = new PeerProcess(name, workingDirectory, process);
        process.OutputDataReceived += (_, e) => peer._output.Append("out", e.Data);
        process.ErrorDataReceived += (_, e) => peer._output.Append("err", e.Data);
        try
        {
            process.Start();
        }
        catch
        {
            process.Dispose();
            TryDeleteDirectory(workingDirectory);
            throw;
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return peer;
    }

    /// <summary>
    /// Polls <paramref name="url"/> until it answers 200, failing early (with the peer's output) if the process
    /// exits, and with a <see cref="TimeoutException"/> after <paramref name="timeout"/>.
    /// </summary>
    /// <param name="url">An HTTP URL served by the peer.</param>
    /// <param name="timeout">How long to wait in total.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes once the URL answered 200.</returns>
    public async Task WaitForHttpOkAsync(Uri url, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = Stopwatch.StartNew();
        string lastError = "no attempt";
        while (true)
        {
            if (_process.HasExited)
            {
                await DrainOutputAsync().ConfigureAwait(false);
                throw new InvalidOperationException(Describe($"exited before {url} answered 200"));
            }

            try
            {
                using var response = await Probe.GetAsync(url, cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                lastError = $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException e)
            {
                lastError = e.Message;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                lastError = "request timed out";
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException(Describe($"did not answer 200 on {url} within {timeout} (last: {lastError})"));
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Formats a failure message naming the peer, its state and its recent output.</summary>
    /// <param name="problem">What went wrong, e.g. "did not become ready".</param>
    /// <returns>The message.</returns>
    public string Describe(string problem)
    {
        var state = _process.HasExited ? $"exited with code {_process.ExitCode}" : "running";
        return $"Peer '{Name}' (pid {_process.Id}, {state}) {problem}.{Environment.NewLine}" +
            $"Command: {_process.StartInfo.FileName} {string.Join(' ', _process.StartInfo.ArgumentList)}{Environment.NewLine}" +
            $"Output:{Environment.NewLine}{Output}";
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // The process exited between the check and the kill.
        }
        finally
        {
            _process.Dispose();
            TryDeleteDirectory(WorkingDirectory);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task DrainOutputAsync()
    {
        // HasExited can be observed before the pipes reach EOF; the exit message is only useful with the last
        // lines, and a grandchild keeping a pipe open must not hang the test, hence the bound.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static void TryDeleteDirectory(string path)
    {
        // A killed peer may still hold files for a moment (TSDB lock files, WAL segments); retry briefly and then
        // leave the directory to the OS temp cleaner rather than failing the test in dispose.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                }

                return;
            }
            catch (IOException)
            {
                Thread.Sleep(100);
            }
            catch (UnauthorizedAccessException)
            {
                Thread.Sleep(100);
            }
        }
    }
}
