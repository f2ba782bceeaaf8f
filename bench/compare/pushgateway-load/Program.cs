using System.Net;
using System.Net.Sockets;
using Pharos.PushgatewayLoad;

// Subcommands:
//   run --url=http://127.0.0.1:PORT [--pid=PID] [--pushers=200] [--duration=120s] [--think=100ms] [--name=N] [--out=FILE]
//   table NAME=FILE...     print runs side by side (Markdown)
//   free-port              print a free TCP port on 127.0.0.1
switch (args.FirstOrDefault())
{
    case "run":
        var options = LoadOptions.Parse(args.AsSpan(1));
        var result = await LoadRun.RunAsync(options, Console.Out);
        foreach (var (key, value) in result.Fields)
        {
            Console.WriteLine($"  {key} = {value}");
        }

        if (options.OutputPath is { } path)
        {
            result.WriteTo(path);
        }

        return result["errors_total"] == "0" ? 0 : 1;

    case "table":
        var runs = args.Skip(1).Select(a => a.Split('=', 2)).Select(p => (p[0], LoadResult.ReadFrom(p[1]))).ToList();
        Console.Write(ComparisonTable.Render(runs));
        return 0;

    case "free-port":
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            Console.WriteLine(((IPEndPoint)listener.LocalEndpoint).Port);
        }

        return 0;

    default:
        Console.Error.WriteLine("usage: run --url=http://127.0.0.1:PORT [--pid=PID] [--pushers=200] [--duration=120s] [--think=100ms] [--name=N] [--out=FILE] | table NAME=FILE... | free-port");
        return 2;
}
