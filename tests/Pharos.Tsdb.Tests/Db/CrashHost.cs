using System.Globalization;
using Pharos.Model;
using Pharos.Storage;
using Pharos.Tsdb.Db;

namespace Pharos.Tsdb.Tests.Db;

/// <summary>
/// The entry point of the test assembly run as a child process (<c>dotnet Pharos.Tsdb.Tests.dll crash-host DIR</c>):
/// opens the database in DIR and commits batch after batch, printing <c>committed N</c> after batch N's commit
/// returned, until it is killed. Under the test runner this Main is never called.
/// </summary>
public static class CrashHost
{
    /// <summary>Series per batch.</summary>
    public const int SeriesPerBatch = 10;

    /// <summary>The labels of series <paramref name="i"/>.</summary>
    public static Labels SeriesLabels(int i) =>
        Labels.FromStrings("__name__", "crash_test", "i", i.ToString(CultureInfo.InvariantCulture));

    /// <summary>Runs the host.</summary>
    /// <param name="args"><c>crash-host DIR</c>.</param>
    /// <returns>2 on bad arguments; otherwise never returns (the test kills it).</returns>
    public static int Main(string[] args)
    {
        if (args is not ["crash-host", var directory])
        {
            Console.Error.WriteLine("usage: crash-host DIR");
            return 2;
        }

        using var db = TsdbDatabase.Open(directory, DbFixtures.SmallOptions);
        var refs = new SeriesRef[SeriesPerBatch];
        for (var batch = 0; ; batch++)
        {
            var app = db.CreateAppender();
            for (var i = 0; i < SeriesPerBatch; i++)
            {
                app.Append(ref refs[i], SeriesLabels(i), batch * 1000L, batch + (i / 10.0));
            }

            app.Commit();
            Console.Out.WriteLine($"committed {batch}");
            Console.Out.Flush();
        }
    }
}
