return Pharos.Cli.PharosCommandLine.Run(args);
