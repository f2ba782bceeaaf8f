namespace Pharos.Rules.Files;

/// <summary>A parsed and validated rule file.</summary>
/// <param name="Path">The file path as given.</param>
/// <param name="Groups">The groups in file order.</param>
public sealed record RuleFile(string Path, IReadOnlyList<RuleGroupDefinition> Groups);
