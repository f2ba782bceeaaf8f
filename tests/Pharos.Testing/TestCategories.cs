namespace Pharos.Testing;

/// <summary>Trait values; integration tests carry <c>[Trait("Category", "Integration")]</c> so they can run apart.</summary>
public static class TestCategories
{
    /// <summary>The trait name.</summary>
    public const string Name = "Category";

    /// <summary>Tests that start real processes or talk to real peers on 127.0.0.1.</summary>
    public const string Integration = "Integration";
}
