using Pharos.Templating.Functions;

namespace Pharos.Templating;

/// <summary>Parsing and execution settings. The defaults bound a hostile template's cost.</summary>
public sealed record TemplateOptions
{
    /// <summary>The functions templates may call; Go's built-ins when not set.</summary>
    public TemplateFunctions? Functions { get; init; }

    /// <summary>Text or HTML-escaping output.</summary>
    public TemplateMode Mode { get; init; } = TemplateMode.Text;

    /// <summary>What a lookup of an absent map key yields.</summary>
    public MissingKeyOption MissingKey { get; init; } = MissingKeyOption.Default;

    /// <summary>Execution fails once output exceeds this many characters. Default 10 MiB.</summary>
    public int MaxOutputChars { get; init; } = 10 * 1024 * 1024;

    /// <summary>The deepest nesting of <c>template</c> calls. Go allows 100000; rule and notification templates need a handful.</summary>
    public int MaxTemplateDepth { get; init; } = 1000;

    /// <summary>The clock template functions see.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
