using Pharos.Model;

namespace Pharos.Storage;

/// <summary>
/// Sends every append to a primary storage and then to secondary ones (remote-write queues, say), as Prometheus's
/// fan-out storage. Thread-safe, as its parts are.
/// </summary>
/// <remarks>
/// Series references returned to the caller are the primary's. Secondaries are always given reference 0 (look up by
/// labels), because a reference issued by one storage means nothing to another. Upstream passes the primary's
/// reference on; that only works when the secondaries ignore references.
/// </remarks>
public sealed class FanoutAppendable : IAppendable
{
    private readonly IAppendable _primary;
    private readonly IAppendable[] _secondaries;

    /// <summary>Creates the fan-out.</summary>
    /// <param name="primary">The storage whose references and statuses the caller sees first.</param>
    /// <param name="secondaries">Storages that receive the same appends.</param>
    public FanoutAppendable(IAppendable primary, params IAppendable[] secondaries)
    {
        ArgumentNullException.ThrowIfNull(primary);
        ArgumentNullException.ThrowIfNull(secondaries);
        _primary = primary;
        _secondaries = secondaries;
    }

    /// <inheritdoc/>
    public IAppender CreateAppender()
    {
        var secondaries = new IAppender[_secondaries.Length];
        for (var i = 0; i < secondaries.Length; i++)
        {
            secondaries[i] = _secondaries[i].CreateAppender();
        }

        return new FanoutAppender(_primary.CreateAppender(), secondaries);
    }

    /// <summary>
    /// Appends to the primary, then (if the primary accepted) to each secondary. The first rejection is returned,
    /// as upstream does; Commit commits the primary first and rolls the secondaries back if it fails.
    /// </summary>
    private sealed class FanoutAppender(IAppender primary, IAppender[] secondaries) : IAppender
    {
        public AppendStatus Append(ref SeriesRef series, in Labels labels, long timestampMs, double value)
        {
            var status = primary.Append(ref series, labels, timestampMs, value);
            if (status != AppendStatus.Ok)
            {
                return status;
            }

            foreach (var s in secondaries)
            {
                var none = SeriesRef.None;
                status = s.Append(ref none, labels, timestampMs, value);
                if (status != AppendStatus.Ok)
                {
                    return status;
                }
            }

            return AppendStatus.Ok;
        }

        public AppendStatus AppendHistogram(ref SeriesRef series, in Labels labels, long timestampMs, Histogram histogram)
        {
            var status = primary.AppendHistogram(ref series, labels, timestampMs, histogram);
            if (status != AppendStatus.Ok)
            {
                return status;
            }

            foreach (var s in secondaries)
            {
                var none = SeriesRef.None;
                status = s.AppendHistogram(ref none, labels, timestampMs, histogram);
                if (status != AppendStatus.Ok)
                {
                    return status;
                }
            }

            return AppendStatus.Ok;
        }

        public AppendStatus AppendHistogram(ref SeriesRef series, in Labels labels, long timestampMs, FloatHistogram histogram)
        {
            var status = primary.AppendHistogram(ref series, labels, timestampMs, histogram);
            if (status != AppendStatus.Ok)
            {
                return status;
            }

            foreach (var s in secondaries)
            {
                var none = SeriesRef.None;
                status = s.AppendHistogram(ref none, labels, timestampMs, histogram);
                if (status != AppendStatus.Ok)
                {
                    return status;
                }
            }

            return AppendStatus.Ok;
        }

        public AppendStatus AppendExemplar(SeriesRef series, in Labels labels, in Exemplar exemplar)
        {
            var status = primary.AppendExemplar(series, labels, exemplar);
            if (status != AppendStatus.Ok)
            {
                return status;
            }

            foreach (var s in secondaries)
            {
                status = s.AppendExemplar(SeriesRef.None, labels, exemplar);
                if (status != AppendStatus.Ok)
                {
                    return status;
                }
            }

            return AppendStatus.Ok;
        }

        public void UpdateMetadata(SeriesRef series, in Labels labels, in Metadata metadata)
        {
            primary.UpdateMetadata(series, labels, metadata);
            foreach (var s in secondaries)
            {
                s.UpdateMetadata(SeriesRef.None, labels, metadata);
            }
        }

        public void Commit()
        {
            try
            {
                primary.Commit();
            }
            catch
            {
                foreach (var s in secondaries)
                {
                    s.Rollback();
                }

                throw;
            }

            Exception? first = null;
            foreach (var s in secondaries)
            {
                try
                {
                    s.Commit();
                }
                catch (Exception e)
                {
                    first ??= e;
                }
            }

            if (first is not null)
            {
                throw first;
            }
        }

        public void Rollback()
        {
            Exception? first = null;
            foreach (var a in secondaries.Prepend(primary))
            {
                try
                {
                    a.Rollback();
                }
                catch (Exception e)
                {
                    first ??= e;
                }
            }

            if (first is not null)
            {
                throw first;
            }
        }
    }
}
