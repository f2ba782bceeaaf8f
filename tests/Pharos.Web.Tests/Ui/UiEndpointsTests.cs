using System.IO.Compression;
using System.Net;
using Pharos.Web.Ui;

namespace Pharos.Web.Tests.Ui;

public sealed class UiEndpointsTests
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false });

    public static TheoryData<string> Pages => [.. UiEndpointRouteBuilderExtensions.PagePaths];

    [Fact]
    public void The_built_ui_is_embedded_in_Pharos_Web()
    {
        var assets = UiAssets.Embedded;

        Assert.False(assets.IsEmpty);
        Assert.True(assets.TryGet("index.html", out var index));
        Assert.StartsWith("text/html", index.ContentType, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_page_path_serves_index_html_with_the_root_as_base(string page)
    {
        await using var host = await UiTestHost.StartAsync(api: null);

        using var response = await Http.GetAsync(new Uri(host.BaseAddress, page.TrimStart('/')));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<base href=\"/\"", html, StringComparison.Ordinal);
        Assert.Contains("<div id=\"root\">", html, StringComparison.Ordinal);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Under_a_route_prefix_the_base_is_the_prefix()
    {
        await using var host = await UiTestHost.StartAsync(api: null, pathBase: "/pre/fix");

        var html = await Http.GetStringAsync(new Uri(host.BaseAddress, "targets"));

        Assert.Contains("<base href=\"/pre/fix/\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_external_url_path_wins_over_the_route_prefix_for_links()
    {
        await using var host = await UiTestHost.StartAsync(api: null, externalUrl: new Uri("https://example.org/prometheus/"));

        var html = await Http.GetStringAsync(new Uri(host.BaseAddress, "alerts"));

        Assert.Contains("<base href=\"/prometheus/\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("graph?g0.expr=up&g0.tab=1", "/query?g0.expr=up&g0.tab=1")]
    [InlineData("", "/query")]
    public async Task The_old_graph_page_and_the_root_redirect_to_the_query_page(string path, string location)
    {
        await using var host = await UiTestHost.StartAsync(api: null, pathBase: "/p");

        using var response = await Http.GetAsync(new Uri(host.BaseAddress, path));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/p" + location, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Hashed_assets_are_cached_for_a_year_and_sent_gzipped_when_accepted()
    {
        await using var host = await UiTestHost.StartAsync(api: null);
        var html = await Http.GetStringAsync(new Uri(host.BaseAddress, "query"));
        var script = System.Text.RegularExpressions.Regex.Match(html, "src=\"\\./(assets/[^\"]+\\.js)\"").Groups[1].Value;
        Assert.NotEmpty(script);
        Assert.True(UiAssets.Embedded.TryGet(script, out var asset));

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(host.BaseAddress, script));
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        using var response = await Http.SendAsync(request);
        await using var body = new GZipStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        await body.CopyToAsync(plain);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
        Assert.StartsWith("text/javascript", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.Equal(asset.Content, plain.ToArray());
    }

    [Fact]
    public async Task An_unknown_asset_is_not_found()
    {
        await using var host = await UiTestHost.StartAsync(api: null);

        using var response = await Http.GetAsync(new Uri(host.BaseAddress, "assets/nope-123.js"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
