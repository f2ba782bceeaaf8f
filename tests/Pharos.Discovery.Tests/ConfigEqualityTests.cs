using Pharos.Config;
using Pharos.Config.Discovery;

namespace Pharos.Discovery.Tests;

public sealed class ConfigEqualityTests
{
    [Fact]
    public void Configurations_with_the_same_fields_are_equal()
    {
        Assert.True(ConfigEquality.AreEqual(File("a/*.json"), File("a/*.json")));
        Assert.True(ConfigEquality.AreEqual(Http("s3cret"), Http("s3cret")));
        Assert.True(ConfigEquality.AreEqual(new DnsSdConfig { Names = ["x"] }, new DnsSdConfig { Names = ["x"] }));
    }

    [Fact]
    public void A_changed_list_entry_or_duration_makes_them_different()
    {
        Assert.False(ConfigEquality.AreEqual(File("a/*.json"), File("b/*.json")));
        Assert.False(ConfigEquality.AreEqual(File("a/*.json"), new FileSdConfig { Files = ["a/*.json"], RefreshInterval = TimeSpan.FromMinutes(1) }));
        Assert.False(ConfigEquality.AreEqual(new DnsSdConfig { Names = ["x"] }, new DnsSdConfig { Names = ["x", "y"] }));
    }

    [Fact]
    public void A_changed_secret_makes_them_different_although_both_print_as_redacted()
    {
        Assert.False(ConfigEquality.AreEqual(Http("old"), Http("new")));
    }

    [Fact]
    public void Different_mechanisms_are_never_equal() =>
        Assert.False(ConfigEquality.AreEqual(new DnsSdConfig(), new HttpSdConfig()));

    private static FileSdConfig File(string pattern) => new() { Files = [pattern] };

    private static HttpSdConfig Http(string password) => new()
    {
        Url = "http://sd/",
        HttpClientConfig = new HttpClientConfig { BasicAuth = new BasicAuth { Username = "u", Password = password } },
    };
}
