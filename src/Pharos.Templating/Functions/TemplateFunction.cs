namespace Pharos.Templating.Functions;

/// <summary>
/// A function callable from templates. Arguments arrive evaluated (a pipeline's previous value last) and already
/// checked against the arity the function was registered with. Report an error by throwing
/// <see cref="TemplateFunctionException"/>; the executor wraps it as Go does (<c>error calling NAME: …</c>).
/// </summary>
/// <param name="context">The execution's cancellation token and clock.</param>
/// <param name="args">The arguments.</param>
/// <returns>The result; <see langword="null"/> is Go's <c>nil</c>.</returns>
public delegate object? TemplateFunction(TemplateCallContext context, IReadOnlyList<object?> args);
