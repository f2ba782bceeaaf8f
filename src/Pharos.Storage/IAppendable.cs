namespace Pharos.Storage;

/// <summary>Something that accepts samples through appenders: the TSDB, in-memory storage, a fan-out. Thread-safe.</summary>
public interface IAppendable
{
    /// <summary>
    /// Starts a new batch. The appender is single-use and single-threaded; it must be finished with exactly one
    /// <see cref="IAppender.Commit"/> or <see cref="IAppender.Rollback"/>. Any number of appenders may be open at once.
    /// </summary>
    /// <returns>A new appender owned by the caller.</returns>
    IAppender CreateAppender();
}
