namespace Pharos.Templating.Parse;

// The parse tree mirrors Go's text/template/parse node types. Every node keeps its byte offset and its source
// text so execution errors can name the position and the node as Go does ("at <.Labels.foo>").

/// <summary>A node of a parsed template.</summary>
internal abstract record Node(int Pos)
{
    public string Source { get; init; } = "";
}

internal sealed record ListNode(int Pos, List<Node> Nodes) : Node(Pos);

internal sealed record TextNode(int Pos, string Text) : Node(Pos);

internal sealed record ActionNode(int Pos, PipeNode Pipe) : Node(Pos);

internal sealed record PipeNode(int Pos, List<string> Decl, bool IsAssign, List<CommandNode> Commands) : Node(Pos);

internal sealed record CommandNode(int Pos, List<Node> Args) : Node(Pos);

internal sealed record IdentifierNode(int Pos, string Name) : Node(Pos);

internal sealed record FieldNode(int Pos, string[] Idents) : Node(Pos);

internal sealed record VariableNode(int Pos, string[] Idents) : Node(Pos);

internal sealed record ChainNode(int Pos, Node Target, string[] Fields) : Node(Pos);

internal sealed record DotNode(int Pos) : Node(Pos);

internal sealed record NilNode(int Pos) : Node(Pos);

internal sealed record BoolNode(int Pos, bool Value) : Node(Pos);

internal sealed record StringNode(int Pos, string Value) : Node(Pos);

/// <summary>A numeric literal; <see cref="Value"/> is a <see cref="long"/> or a <see cref="double"/> as Go's ideal constant rules pick.</summary>
internal sealed record NumberNode(int Pos, object Value) : Node(Pos);

internal enum BranchKind
{
    If,
    Range,
    With,
}

internal sealed record BranchNode(int Pos, BranchKind Kind, PipeNode Pipe, ListNode List, ListNode? ElseList) : Node(Pos);

internal sealed record TemplateNode(int Pos, string Name, PipeNode? Pipe) : Node(Pos);

internal sealed record BreakNode(int Pos) : Node(Pos);

internal sealed record ContinueNode(int Pos) : Node(Pos);
