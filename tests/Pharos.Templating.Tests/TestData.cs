namespace Pharos.Templating.Tests;

/// <summary>The data most table rows execute against.</summary>
internal static class TestData
{
    public static Dictionary<string, object?> Default() => new()
    {
        ["Name"] = "world",
        ["Empty"] = "",
        ["Zero"] = 0L,
        ["One"] = 1L,
        ["Pi"] = 3.14159,
        ["True"] = true,
        ["False"] = false,
        ["Nil"] = null,
        ["List"] = new List<object?> { "a", "b", "c" },
        ["EmptyList"] = new List<object?>(),
        ["Ints"] = new List<object?> { 3L, 1L, 2L },
        ["Map"] = new Dictionary<string, object?> { ["zeta"] = 26L, ["alpha"] = 1L, ["mid"] = "m" },
        ["Labels"] = new Dictionary<string, string> { ["job"] = "node", ["instance"] = "host:9100" },
        ["Nested"] = new Dictionary<string, object?> { ["Inner"] = new Dictionary<string, object?> { ["Value"] = "deep" } },
        ["Html"] = "<b>bold</b> & 'q'",
    };
}
