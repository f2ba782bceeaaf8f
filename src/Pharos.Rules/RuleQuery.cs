using Pharos.PromQL.Engine;
using IQueryable = Pharos.Storage.IQueryable;

namespace Pharos.Rules;

/// <summary>Builds the <see cref="QueryFunc"/> rules use from a PromQL engine (upstream <c>rules.EngineQueryFunc</c>).</summary>
public static class RuleQuery
{
    /// <summary>Creates a query function that runs instant queries on <paramref name="engine"/> over <paramref name="queryable"/>.</summary>
    /// <param name="engine">The engine.</param>
    /// <param name="queryable">The storage to read.</param>
    /// <returns>A function returning vectors; scalars become one sample without labels; errors throw.</returns>
    public static QueryFunc FromEngine(PromQLEngine engine, IQueryable queryable)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(queryable);
        return (expr, time, ct) =>
        {
            var result = engine.InstantQuery(queryable, expr, time, ct);
            if (result.Error is { } error)
            {
                throw error;
            }

            var timeMs = time.ToUnixTimeMilliseconds();
            IReadOnlyList<Sample> samples = result.Value switch
            {
                VectorValue v => v.Samples,
                ScalarValue s => [new Sample(default, timeMs, s.Value)],
                _ => throw new InvalidOperationException("rule result is not a vector or scalar"),
            };
            return ValueTask.FromResult(samples);
        };
    }
}
