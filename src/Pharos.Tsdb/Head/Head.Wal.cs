using System.Buffers;
using Pharos.Model;
using Pharos.Tsdb.Record;
using Pharos.Tsdb.Wal;

namespace Pharos.Tsdb.Head;

public sealed partial class Head
{
    [ThreadStatic]
    private static WalEncodeBuffers? _threadWalBuffers;

    private WriteAheadLog? _wal;

    /// <summary>The write-ahead log commits are recorded in, or null for a head that keeps nothing on disk.</summary>
    public WriteAheadLog? Wal => Volatile.Read(ref _wal);

    /// <summary>
    /// Starts recording every commit in <paramref name="wal"/> before it becomes visible. Attach after
    /// <see cref="Replay"/> and before the first appender is created; the head does not own the log.
    /// </summary>
    /// <param name="wal">The log, or null to stop logging.</param>
    public void AttachWal(WriteAheadLog? wal) => Volatile.Write(ref _wal, wal);

    /// <summary>
    /// Writes one batch to the WAL in upstream's order (series, metadata, samples, exemplars; Prometheus
    /// <c>headAppender.log</c>). A no-op without a WAL or without anything to write. Throws what the log throws.
    /// </summary>
    internal void LogCommit(
        List<MemSeries>? createdSeries,
        ReadOnlySpan<HeadAppender.PendingSample> samples,
        List<(MemSeries Series, Exemplar Exemplar)>? exemplars,
        List<(MemSeries Series, Metadata Metadata)>? metadata)
    {
        var wal = Wal;
        if (wal is null || (createdSeries is not { Count: > 0 } && samples.IsEmpty && exemplars is not { Count: > 0 } && metadata is not { Count: > 0 }))
        {
            return;
        }

        var buffers = _threadWalBuffers ??= new WalEncodeBuffers();
        buffers.Reset();
        if (createdSeries is { Count: > 0 })
        {
            var refs = ArrayPool<RefSeries>.Shared.Rent(createdSeries.Count);
            for (var i = 0; i < createdSeries.Count; i++)
            {
                refs[i] = new RefSeries(createdSeries[i].Ref, createdSeries[i].Labels);
            }

            RecordEncoder.Series(refs.AsSpan(0, createdSeries.Count), buffers.Series);
            ArrayPool<RefSeries>.Shared.Return(refs, clearArray: true);
            buffers.Records.Add(buffers.Series.WrittenMemory);
        }

        if (metadata is { Count: > 0 })
        {
            var refs = ArrayPool<RefMetadata>.Shared.Rent(metadata.Count);
            for (var i = 0; i < metadata.Count; i++)
            {
                var (s, m) = metadata[i];
                refs[i] = new RefMetadata(s.Ref, m.Type, m.Unit ?? string.Empty, m.Help ?? string.Empty);
            }

            RecordEncoder.Metadata(refs.AsSpan(0, metadata.Count), buffers.Metadata);
            ArrayPool<RefMetadata>.Shared.Return(refs, clearArray: true);
            buffers.Records.Add(buffers.Metadata.WrittenMemory);
        }

        if (!samples.IsEmpty)
        {
            var refs = ArrayPool<RefSample>.Shared.Rent(samples.Length);
            for (var i = 0; i < samples.Length; i++)
            {
                refs[i] = new RefSample(samples[i].Series.Ref, samples[i].TimestampMs, samples[i].Value);
            }

            RecordEncoder.Samples(refs.AsSpan(0, samples.Length), buffers.Samples);
            ArrayPool<RefSample>.Shared.Return(refs);
            buffers.Records.Add(buffers.Samples.WrittenMemory);
        }

        if (exemplars is { Count: > 0 })
        {
            var refs = ArrayPool<RefExemplar>.Shared.Rent(exemplars.Count);
            for (var i = 0; i < exemplars.Count; i++)
            {
                var (s, e) = exemplars[i];
                refs[i] = new RefExemplar(s.Ref, e.TimestampMs, e.Value, e.Labels);
            }

            RecordEncoder.Exemplars(refs.AsSpan(0, exemplars.Count), buffers.Exemplars);
            ArrayPool<RefExemplar>.Shared.Return(refs, clearArray: true);
            buffers.Records.Add(buffers.Exemplars.WrittenMemory);
        }

        try
        {
            wal.Log(buffers.Records);
        }
        finally
        {
            buffers.Records.Clear();
        }
    }

    /// <summary>Per-thread encoding buffers, reused so a steady stream of commits allocates nothing.</summary>
    private sealed class WalEncodeBuffers
    {
        public readonly ArrayBufferWriter<byte> Series = new(4096);
        public readonly ArrayBufferWriter<byte> Metadata = new(1024);
        public readonly ArrayBufferWriter<byte> Samples = new(16 * 1024);
        public readonly ArrayBufferWriter<byte> Exemplars = new(1024);
        public readonly List<ReadOnlyMemory<byte>> Records = new(4);

        public void Reset()
        {
            Series.ResetWrittenCount();
            Metadata.ResetWrittenCount();
            Samples.ResetWrittenCount();
            Exemplars.ResetWrittenCount();
            Records.Clear();
        }
    }
}
