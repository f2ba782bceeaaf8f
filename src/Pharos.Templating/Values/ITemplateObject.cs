namespace Pharos.Templating.Values;

/// <summary>
/// A value with named fields and methods that templates can reach with <c>.Name</c>, without reflection: the
/// adapter lists its members explicitly so the engine stays trimming- and AOT-safe. Go templates do not
/// distinguish fields from zero-argument methods; both resolve through <see cref="TryGetField"/>.
/// </summary>
public interface ITemplateObject
{
    /// <summary>The Go-style type name used in error messages, for example <c>template.Alert</c>.</summary>
    string TypeName { get; }

    /// <summary>Looks up a field or a zero-argument method.</summary>
    /// <param name="name">The member name as written in the template (case-sensitive).</param>
    /// <param name="value">The member's value.</param>
    /// <returns>Whether the member exists.</returns>
    bool TryGetField(string name, out object? value);

    /// <summary>Calls a method that takes arguments, as in <c>{{ .CommonLabels.Remove .GroupLabels.Names }}</c>.</summary>
    /// <param name="name">The method name.</param>
    /// <param name="args">The evaluated arguments.</param>
    /// <param name="result">The method's result.</param>
    /// <returns>Whether a method with that name exists.</returns>
    bool TryCallMethod(string name, IReadOnlyList<object?> args, out object? result)
    {
        result = null;
        return false;
    }
}
