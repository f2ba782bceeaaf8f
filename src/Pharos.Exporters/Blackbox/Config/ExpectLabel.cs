namespace Pharos.Exporters.Blackbox.Config;

/// <summary>A label of <c>probe_expect_info</c>, its value expanded from the expect match (<c>${1}</c>).</summary>
internal sealed class ExpectLabel
{
    public string Name { get; set; } = "";

    public string Value { get; set; } = "";
}
