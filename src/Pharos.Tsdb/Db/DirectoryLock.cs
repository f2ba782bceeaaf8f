namespace Pharos.Tsdb.Db;

/// <summary>
/// The exclusive <c>lock</c> file of a data directory (Prometheus <c>tsdb/fileutil.Flock</c>): held open with no
/// sharing, which .NET implements on Unix with an advisory <c>flock</c>, so a second open, in this process or
/// another, fails at once. The lock dies with the process, so a crash never leaves the directory locked.
/// </summary>
internal sealed class DirectoryLock : IDisposable
{
    private readonly FileStream _file;

    private DirectoryLock(FileStream file, string path)
    {
        _file = file;
        Path = path;
    }

    public string Path { get; }

    public static DirectoryLock Acquire(string directory)
    {
        var path = System.IO.Path.Combine(directory, "lock");
        try
        {
            var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1, FileOptions.None);
            return new DirectoryLock(file, path);
        }
        catch (IOException e)
        {
            throw new IOException(
                $"Cannot lock the data directory {directory}: {path} is held by another open database (this process " +
                "or another). Stop the other user first.",
                e);
        }
    }

    public void Dispose()
    {
        // As upstream, the lock file goes away on a clean shutdown.
        try
        {
            File.Delete(Path);
        }
        catch (IOException)
        {
        }

        _file.Dispose();
    }
}
