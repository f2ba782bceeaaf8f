using System.CommandLine;
using Pharos.Config;
using Pharos.Config.Discovery;
using Pharos.Model;
using Pharos.Model.Relabel;

namespace Pharos.Tool;

/// <summary>
/// <c>pharos tool check config FILE…</c>: validates Prometheus configuration files as <c>promtool check config</c>,
/// with the same output shape and exit codes (0 valid, 1 invalid). Rule files are only checked to exist until rule
/// parsing lands with the rules issue.
/// </summary>
public static class CheckConfigCommand
{
    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var syntaxOnly = new Option<bool>("--syntax-only")
        {
            Description = "Only check the config file syntax, ignoring file and content validation referenced in the config",
        };
        var files = new Argument<string[]>("config-files") { Description = "The config files to check.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("config", "Check if the config files are valid or not.");
        command.Options.Add(syntaxOnly);
        command.Arguments.Add(files);
        command.SetAction(result => Run(
            result.GetValue(files) ?? [],
            result.GetValue(syntaxOnly),
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>Checks each file, printing as promtool does.</summary>
    /// <param name="files">Configuration files.</param>
    /// <param name="syntaxOnly">Skip checks of referenced files and targets.</param>
    /// <param name="output">Progress and successes.</param>
    /// <param name="error">Failures.</param>
    /// <returns>0 when every file is valid, else 1.</returns>
    public static int Run(IReadOnlyList<string> files, bool syntaxOnly, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var failed = false;
        foreach (var file in files)
        {
            output.WriteLine($"Checking {file}");
            List<string> ruleFiles;
            try
            {
                ruleFiles = Check(file, syntaxOnly, output);
            }
            catch (ConfigException e)
            {
                error.WriteLine($"  FAILED: parsing YAML file {file}: {e.Describe()}");
                failed = true;
                output.WriteLine();
                continue;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or CheckFailedException)
            {
                error.WriteLine($"  FAILED: {e.Message}");
                failed = true;
                output.WriteLine();
                continue;
            }

            if (ruleFiles.Count > 0)
            {
                output.WriteLine($"  SUCCESS: {ruleFiles.Count} rule files found");
            }

            output.WriteLine($" SUCCESS: {file} is valid prometheus config file syntax");
            output.WriteLine();
            foreach (var ruleFile in ruleFiles)
            {
                // TODO(issue rules): parse and check the rules as promtool check rules does.
                output.WriteLine($"Checking {ruleFile}");
                output.WriteLine("  SKIPPED: the rule file exists; its rules are not checked yet");
                output.WriteLine();
            }
        }

        return failed ? 1 : 0;
    }

    private static List<string> Check(string file, bool syntaxOnly, TextWriter output)
    {
        var config = ConfigLoader.LoadFile(file);
        var scrapeConfigs = ConfigLoader.GetScrapeConfigs(config);
        var ruleFiles = new List<string>();
        if (syntaxOnly)
        {
            return ruleFiles;
        }

        foreach (var pattern in config.RuleFiles)
        {
            var matches = ConfigLoader.Glob(config.Directory, pattern);
            // As promtool: a pattern without a glob must name an existing file; a glob may match nothing.
            if (!pattern.Contains('*', StringComparison.Ordinal) && matches.Count == 0)
            {
                throw new CheckFailedException($"\"{Resolve(config, pattern)}\" does not point to an existing file");
            }

            ruleFiles.AddRange(matches.Select(m => Path.GetRelativePath(Environment.CurrentDirectory, m)));
        }

        foreach (var scfg in scrapeConfigs)
        {
            CheckHttpFiles(config, scfg.HttpClientConfig);
            foreach (var sd in scfg.ServiceDiscoveryConfigs)
            {
                switch (sd)
                {
                    case KubernetesSdConfig k:
                        CheckHttpFiles(config, k.HttpClientConfig);
                        break;
                    case FileSdConfig f:
                        foreach (var pattern in f.Files)
                        {
                            if (ConfigLoader.Glob(config.Directory, pattern).Count == 0)
                            {
                                output.WriteLine($"  WARNING: file \"{Resolve(config, pattern)}\" for file_sd in scrape job \"{scfg.JobName}\" does not exist");
                            }
                        }

                        break;
                    case StaticConfig s:
                        CheckTargets(s.Group, scfg);
                        break;
                }
            }
        }

        return ruleFiles;
    }

    private static void CheckTargets(TargetGroup group, ScrapeConfig scfg)
    {
        var settings = scfg.ToTargetSettings();
        var builder = new LabelsBuilder();
        var groupLabels = Labels.FromLabels(group.Labels.Select(l => new Label(l.Key, l.Value)));
        for (var i = 0; i < group.Targets.Count; i++)
        {
            var target = Labels.FromStrings(LabelNames.Address, group.Targets[i]);
            TargetLabels.Populate(builder, settings, target, groupLabels, out var problem);
            if (problem is not null)
            {
                throw new CheckFailedException($"instance {i} in group {group.Source}: {problem}");
            }
        }
    }

    private static void CheckHttpFiles(PrometheusConfig config, HttpClientConfig http)
    {
        if (http.Authorization is { CredentialsFile.Length: > 0 } auth && !File.Exists(Resolve(config, auth.CredentialsFile)))
        {
            throw new CheckFailedException($"error checking authorization credentials or bearer token file \"{auth.CredentialsFile}\": stat {Resolve(config, auth.CredentialsFile)}: no such file or directory");
        }

        var tls = http.TlsConfig;
        foreach (var (path, what) in new[] { (tls.CertFile, "client cert file"), (tls.KeyFile, "client key file") })
        {
            if (path.Length > 0 && !File.Exists(Resolve(config, path)))
            {
                throw new CheckFailedException($"error checking {what} \"{Resolve(config, path)}\": stat {Resolve(config, path)}: no such file or directory");
            }
        }
    }

    private static string Resolve(PrometheusConfig config, string path) =>
        Path.IsPathRooted(path) || config.Directory.Length == 0 ? path : Path.GetRelativePath(Environment.CurrentDirectory, Path.Combine(config.Directory, path));

    private sealed class CheckFailedException(string message) : Exception(message);
}
