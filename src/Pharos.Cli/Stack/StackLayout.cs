namespace Pharos.Cli.Stack;

/// <summary>Where a stack runs: its data directory, the host every component listens on and each component's port.</summary>
/// <param name="DataDirectory">The absolute data directory.</param>
/// <param name="Host">The listen host; empty for all interfaces.</param>
/// <param name="Ports">Component name to port.</param>
public sealed record StackLayout(string DataDirectory, string Host, IReadOnlyDictionary<string, int> Ports);
