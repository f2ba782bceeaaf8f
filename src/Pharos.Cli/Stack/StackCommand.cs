using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Pharos.Hosting;
using Pharos.Hosting.Flags;
using Pharos.Hosting.Logging;

namespace Pharos.Cli.Stack;

/// <summary>
/// <c>pharos stack</c>: every component that exists, in one process, on the upstream default ports, with data under
/// <c>--data.dir</c>. Each component runs through the same command tree as its own subcommand, so the stack takes
/// exactly the code paths of <c>pharos pushgateway</c>, <c>pharos node-exporter</c> and so on. Ctrl-C or SIGTERM
/// stops them all; if one fails (a port in use), the stack names it, stops the rest and exits non-zero.
/// </summary>
public static class StackCommand
{
    /// <summary>Creates the subcommand.</summary>
    /// <param name="buildRoot">Builds a fresh <c>pharos</c> command tree to run each component through.</param>
    /// <param name="components">The components to run; <see cref="StackComponent.Defaults"/> when null.</param>
    /// <returns>The command.</returns>
    public static Command Create(Func<RootCommand> buildRoot, IReadOnlyList<StackComponent>? components = null)
    {
        ArgumentNullException.ThrowIfNull(buildRoot);
        components ??= StackComponent.Defaults;
        var command = new Command(
            "stack",
            "Run every component in one process on its upstream default port (" +
            string.Join(", ", components.Select(c => $"{c.Name} :{c.DefaultPort}")) +
            "), with an embedded default configuration and data under --data.dir. Ctrl-C stops all of them.");
        var flags = new FlagSet(command);
        var dataDir = flags.String("data.dir", "./data", "Directory for every component's data (pushgateway persistence, the blackbox modules file); created if missing.");
        var listenHost = flags.String("stack.listen-host", string.Empty, "Host or IP every component listens on. Empty listens on all interfaces, as upstream does; 127.0.0.1 keeps the stack private to this machine.");
        var ports = components
            .Select(c => (Component: c, Option: flags.Int(c.PortFlag, c.DefaultPort, $"Port for {c.Name} (upstream default {c.DefaultPort}).")))
            .ToArray();
        var logFlags = new LogFlags(flags);
        var levelOption = command.Options.First(o => o.Name == "--log.level");
        var formatOption = command.Options.First(o => o.Name == "--log.format");

        command.SetAction(async (result, cancellationToken) =>
        {
            using var loggerFactory = logFlags.CreateLoggerFactory(result);
            var logger = loggerFactory.CreateLogger("stack");
            var data = Path.GetFullPath(result.GetValue(dataDir) ?? "./data");
            var host = result.GetValue(listenHost) ?? string.Empty;
            var logArgs = new[]
            {
                "--log.level=" + result.GetResult(levelOption)?.GetValueOrDefault<string>(),
                "--log.format=" + result.GetResult(formatOption)?.GetValueOrDefault<string>(),
            };
            var plan = new List<(StackComponent Component, int Port, string[] Args)>();
            try
            {
                Directory.CreateDirectory(data);
                var layout = new StackLayout(data, host, ports.ToDictionary(p => p.Component.Name, p => result.GetValue(p.Option), StringComparer.Ordinal));
                foreach (var (component, option) in ports)
                {
                    var port = result.GetValue(option);
                    component.Prepare?.Invoke(layout);
                    plan.Add((component, port, [component.Name, "--web.listen-address=" + ListenAddress(host, port), .. component.Arguments(data), .. logArgs]));
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                logger.LogError("Cannot prepare the data directory: dir={Dir} err={Error}", data, e.Message);
                return 1;
            }

            logger.LogInformation("Starting pharos stack: version={Version} revision={Revision} data={Data}", BuildInfo.Version, BuildInfo.Revision, data);
            foreach (var (component, port, _) in plan)
            {
                logger.LogInformation("Component: component={Component} url={Url}", component.Name, Url(host, port));
            }

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var error = result.InvocationConfiguration.Error;
            var running = plan.ToDictionary(
                p => (Task<int>)RunComponentAsync(buildRoot, p.Args, error, logger, p.Component.Name, stop.Token),
                p => p.Component.Name);
            var status = 0;
            while (running.Count > 0)
            {
                var done = await Task.WhenAny(running.Keys).ConfigureAwait(false);
                var name = running[done];
                running.Remove(done);
                var code = await done.ConfigureAwait(false);
                if (stop.IsCancellationRequested)
                {
                    status = Math.Max(status, code);
                    continue;
                }

                if (code != 0)
                {
                    logger.LogError("Component failed, stopping the stack: component={Component} status={Status}", name, code);
                    status = code;
                }
                else
                {
                    logger.LogInformation("Component stopped, stopping the stack: component={Component}", name);
                }

                await stop.CancelAsync().ConfigureAwait(false);
            }

            logger.LogInformation("Stack stopped: status={Status}", status);
            return status;
        });
        return command;
    }

    private static async Task<int> RunComponentAsync(
        Func<RootCommand> buildRoot, string[] args, TextWriter error, ILogger logger, string name, CancellationToken cancellationToken)
    {
        // Yield first so every component starts concurrently, whatever the component's action does before its first await.
        await Task.Yield();
        try
        {
            var root = buildRoot();
            var parse = root.Parse(CommandLineRunner.RewriteNegatedBooleans(root, args));
            if (parse.Errors.Count > 0)
            {
                foreach (var parseError in parse.Errors)
                {
                    logger.LogError("Invalid component arguments: component={Component} err={Error}", name, parseError.Message);
                }

                return CommandLineRunner.UsageErrorExitCode;
            }

            var configuration = new InvocationConfiguration
            {
                Output = error,
                Error = error,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
            };
            return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return 0;
        }
        catch (Exception e)
        {
            logger.LogError("Component failed: component={Component} err={Error}", name, e.GetBaseException().Message);
            return 1;
        }
    }

    private static string ListenAddress(string host, int port) =>
        (host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? $"[{host}]" : host) + ":" + port.ToString(CultureInfo.InvariantCulture);

    private static string Url(string host, int port) =>
        "http://" + (host.Length == 0 || host is "0.0.0.0" or "::" ? "localhost:" + port.ToString(CultureInfo.InvariantCulture) : ListenAddress(host, port)) + "/";
}
