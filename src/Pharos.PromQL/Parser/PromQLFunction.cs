namespace Pharos.PromQL.Parser;

/// <summary>
/// A PromQL function's signature. <see cref="Variadic"/> follows upstream: 0 means exactly
/// <see cref="ArgTypes"/>; a positive n means the last argument type is optional and may repeat up to n times
/// (so between <c>ArgTypes.Length - 1</c> and <c>ArgTypes.Length - 1 + n</c> arguments); -1 means unbounded.
/// </summary>
/// <param name="Name">The name as called.</param>
/// <param name="ArgTypes">The argument types; with <see cref="Variadic"/> ≠ 0 the last one repeats.</param>
/// <param name="Variadic">How many times the last argument may occur (see the type summary).</param>
/// <param name="ReturnType">The result type.</param>
/// <param name="Experimental">Whether upstream hides it behind <c>promql-experimental-functions</c>.</param>
public sealed record PromQLFunction(string Name, ValueType[] ArgTypes, int Variadic, ValueType ReturnType, bool Experimental)
{
    /// <summary>The fewest arguments accepted.</summary>
    public int MinArgs => Variadic == 0 ? ArgTypes.Length : ArgTypes.Length - 1;

    /// <summary>The most arguments accepted, or <see cref="int.MaxValue"/> when unbounded.</summary>
    public int MaxArgs => Variadic switch
    {
        0 => ArgTypes.Length,
        < 0 => int.MaxValue,
        _ => ArgTypes.Length - 1 + Variadic,
    };

    /// <summary>The expected type of argument <paramref name="index"/>.</summary>
    /// <param name="index">The 0-based argument index.</param>
    /// <returns>The type; the last declared type for repeated arguments.</returns>
    public ValueType ArgType(int index) => ArgTypes[Math.Min(index, ArgTypes.Length - 1)];
}
