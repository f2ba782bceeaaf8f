using BenchmarkDotNet.Running;

if (args is ["tsdb-footprint", .. var footprintArgs])
{
    Pharos.Benchmarks.Tsdb.TsdbFootprint.Run(footprintArgs);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
