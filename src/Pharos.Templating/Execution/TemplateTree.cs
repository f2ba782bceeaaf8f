using Pharos.Templating.Parse;

namespace Pharos.Templating.Execution;

/// <summary>A named tree with the text and parse name its positions refer to.</summary>
internal sealed record TemplateTree(string Name, ListNode Root, string ParseName, string Text);
