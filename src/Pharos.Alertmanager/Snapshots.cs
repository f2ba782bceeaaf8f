using System.Text.Json;
using Pharos.Alertmanager.Config;
using Pharos.Alertmanager.Notify;
using Pharos.Alertmanager.Silences;

namespace Pharos.Alertmanager;

/// <summary>
/// Silence and notification log snapshots under <c>--storage.path</c> (files <c>silences</c> and <c>nflog</c>, as
/// upstream names them, in a JSON format of our own). Written to a temporary file and renamed, so a crash leaves
/// either the old or the new snapshot.
/// </summary>
internal static class Snapshots
{
    private sealed record SilenceDto(string Id, List<string> Matchers, DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateTimeOffset UpdatedAt, string CreatedBy, string Comment);

    private sealed record LogDto(string Receiver, string Integration, int Index, string GroupKey, List<ulong> Firing, List<ulong> Resolved, DateTimeOffset Timestamp, DateTimeOffset ExpiresAt);

    public static long WriteSilences(string directory, IEnumerable<Silence> silences) =>
        Write(Path.Combine(directory, "silences"), silences.Select(s => new SilenceDto(s.Id, [.. s.Matchers.Select(MatcherParser.Format)], s.StartsAt, s.EndsAt, s.UpdatedAt, s.CreatedBy, s.Comment)).ToList());

    public static long WriteLog(string directory, IEnumerable<NotificationLogEntry> entries) =>
        Write(Path.Combine(directory, "nflog"), entries.Select(e => new LogDto(e.Receiver.GroupName, e.Receiver.Integration, e.Receiver.Index, e.GroupKey, [.. e.FiringAlerts], [.. e.ResolvedAlerts], e.Timestamp, e.ExpiresAt)).ToList());

    public static List<Silence> ReadSilences(string directory) =>
        Read<SilenceDto>(Path.Combine(directory, "silences")).Select(d => new Silence
        {
            Id = d.Id,
            Matchers = [.. d.Matchers.SelectMany(MatcherParser.Parse)],
            StartsAt = d.StartsAt,
            EndsAt = d.EndsAt,
            UpdatedAt = d.UpdatedAt,
            CreatedBy = d.CreatedBy,
            Comment = d.Comment,
        }).ToList();

    public static List<NotificationLogEntry> ReadLog(string directory) =>
        Read<LogDto>(Path.Combine(directory, "nflog"))
            .Select(d => new NotificationLogEntry(new ReceiverKey(d.Receiver, d.Integration, d.Index), d.GroupKey, d.Firing, d.Resolved, d.Timestamp, d.ExpiresAt))
            .ToList();

    private static long Write<T>(string path, List<T> items)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(items);
        var temp = path + ".tmp";
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, path, overwrite: true);
        return bytes.Length;
    }

    private static List<T> Read<T>(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        return JsonSerializer.Deserialize<List<T>>(File.ReadAllBytes(path)) ?? [];
    }
}
