using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pharos.Web.Ui;

namespace Pharos.Web.Tests.Ui;

[Trait("Category", "Integration")]
public sealed class BrowserTests(UiFixture fixture) : IClassFixture<UiFixture>
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G'];

    public static TheoryData<string> Pages => [.. UiEndpointRouteBuilderExtensions.PagePaths];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_page_loads_without_console_errors_and_is_screenshotted(string path)
    {
        var errors = new List<string>();
        var page = await fixture.NewPageAsync(errors);

        await page.GotoAsync(new Uri(fixture.Backend.Ui, path.TrimStart('/')).ToString(), new() { WaitUntil = WaitUntilState.NetworkIdle });
        await Assertions.Expect(page.GetByText("Loading…")).ToHaveCountAsync(0);
        var screenshot = await fixture.ScreenshotAsync(page, "page" + path.Replace('/', '-'));
        var errorBoxes = await page.Locator(".alert.error").CountAsync();
        await page.CloseAsync();

        Assert.Empty(errors);
        Assert.Equal(0, errorBoxes);
        var bytes = await File.ReadAllBytesAsync(screenshot);
        Assert.True(bytes.Length > 5000, $"{screenshot} is only {bytes.Length} bytes");
        Assert.Equal(PngSignature, bytes[..4]);
    }

    [Fact]
    public async Task Typing_a_query_uses_autocompletion_and_graphs_one_line_per_series()
    {
        var expected = (await UiBackend.ApiDataAsync(fixture.Backend.Ui, "query?query=up")).GetProperty("result").GetArrayLength();
        var errors = new List<string>();
        var page = await fixture.NewPageAsync(errors);
        await page.GotoAsync(new Uri(fixture.Backend.Ui, "query").ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Graph", Exact = true }).ClickAsync();
        var editor = page.Locator(".cm-content");

        await editor.ClickAsync();
        await page.Keyboard.TypeAsync("prometheus_build_inf");
        var option = page.Locator(".cm-tooltip-autocomplete li", new() { HasText = "prometheus_build_info" }).First;
        await option.ClickAsync();
        await Assertions.Expect(editor).ToHaveTextAsync("prometheus_build_info");
        await page.Keyboard.PressAsync("ControlOrMeta+a");
        await page.Keyboard.TypeAsync("up");
        await page.Keyboard.PressAsync("ControlOrMeta+Enter");

        var graph = page.Locator(".graph");
        await Assertions.Expect(graph).ToHaveAttributeAsync("data-series-count", expected.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator(".legend-item")).ToHaveCountAsync(expected);
        await Assertions.Expect(page.Locator(".graph canvas")).ToHaveCountAsync(1);
        Assert.Contains("g0.expr=up", page.Url, StringComparison.Ordinal);
        Assert.Contains("g0.tab=graph", page.Url, StringComparison.Ordinal);
        await fixture.ScreenshotAsync(page, "query-graph");
        Assert.Equal(2, expected);
        Assert.Empty(errors);
        await page.CloseAsync();
    }

    [Fact]
    public async Task A_syntax_error_is_underlined_while_typing_and_explained_when_run()
    {
        var page = await fixture.NewPageAsync([]);
        await page.GotoAsync(new Uri(fixture.Backend.Ui, "query").ToString());

        await page.Locator(".cm-content").ClickAsync();
        await page.Keyboard.TypeAsync("up{job=}");
        await page.Keyboard.PressAsync("Escape");
        await page.Keyboard.PressAsync("ControlOrMeta+Enter");

        await Assertions.Expect(page.Locator(".cm-lintRange-error")).Not.ToHaveCountAsync(0);
        var error = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(error).ToContainTextAsync("Error executing query:");
        await Assertions.Expect(error).ToContainTextAsync("parse error");
        await Assertions.Expect(error.Locator(".hint")).ToContainTextAsync("not valid PromQL");
        await page.CloseAsync();
    }

    [Fact]
    public async Task Dragging_over_the_graph_zooms_into_that_time_range()
    {
        var page = await fixture.NewPageAsync([]);
        await page.GotoAsync(new Uri(fixture.Backend.Ui, "query?g0.expr=up&g0.tab=graph&g0.range_input=1h").ToString());
        var canvas = page.Locator(".graph .u-over");
        await Assertions.Expect(canvas).ToHaveCountAsync(1);
        var box = (await canvas.BoundingBoxAsync())!;

        await page.Mouse.MoveAsync(box.X + (box.Width * 0.25f), box.Y + (box.Height / 2));
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + (box.Width * 0.5f), box.Y + (box.Height / 2), new() { Steps = 5 });
        await page.Mouse.UpAsync();

        // A quarter of an hour, give or take a pixel's worth of rounding.
        await Assertions.Expect(page.GetByLabel("Range")).ToHaveValueAsync(new Regex("^1[45]m"));
        await Assertions.Expect(page.GetByLabel("End time")).ToHaveValueAsync(new Regex(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$"));
        await page.CloseAsync();
    }

    [Fact]
    public async Task A_target_answering_404_shows_the_scrape_error_on_the_targets_page()
    {
        var errors = new List<string>();
        var page = await fixture.NewPageAsync(errors);

        await page.GotoAsync(new Uri(fixture.Backend.Ui, "targets").ToString());

        var broken = page.Locator("section[data-pool=broken]");
        await Assertions.Expect(broken.Locator(".target-error")).ToContainTextAsync("server returned HTTP status 404 Not Found");
        await Assertions.Expect(broken.Locator(".badge")).ToHaveTextAsync("DOWN");
        await Assertions.Expect(page.Locator("section[data-pool=prometheus] .badge")).ToHaveTextAsync("UP");
        await page.GetByLabel("down").UncheckAsync();
        await Assertions.Expect(broken).ToHaveCountAsync(0);
        await page.GetByLabel("down").CheckAsync();
        await page.GetByLabel("Filter by endpoint, labels or error").FillAsync("does-not-exist");
        await Assertions.Expect(page.Locator("section.pool")).ToHaveCountAsync(1);
        Assert.Empty(errors);
        await page.CloseAsync();
    }

    [Fact]
    public async Task An_upstream_2_alert_generator_url_opens_the_table_tab_with_its_expression()
    {
        var page = await fixture.NewPageAsync([]);

        await page.GotoAsync(new Uri(fixture.Backend.Ui, "graph?g0.expr=up&g0.tab=1").ToString());

        await Assertions.Expect(page.Locator(".cm-content")).ToHaveTextAsync("up");
        await Assertions.Expect(page.Locator(".tab.active")).ToHaveTextAsync("Table");
        await Assertions.Expect(page.Locator("table.results tr")).ToHaveCountAsync(2);
        Assert.Contains("/query?", page.Url, StringComparison.Ordinal);
        await page.CloseAsync();
    }

    [Fact]
    public async Task Under_a_route_prefix_assets_queries_and_links_stay_under_the_prefix()
    {
        var ui = await fixture.Backend.StartPrefixedAsync();
        await UiBackend.WaitUntilAsync(
            async () => (await UiBackend.ApiDataAsync(ui, "query?query=up")).GetProperty("result").GetArrayLength() == 2,
            "both targets of the prefixed server scraped");
        var errors = new List<string>();
        var page = await fixture.NewPageAsync(errors);

        await page.GotoAsync(new Uri(ui, "query?g0.expr=up&g0.tab=table").ToString());
        await Assertions.Expect(page.Locator("table.results tr")).ToHaveCountAsync(2);
        await page.GetByRole(AriaRole.Link, new() { Name = "Targets" }).ClickAsync();

        await Assertions.Expect(page.Locator("section[data-pool=broken]")).ToHaveCountAsync(1);
        Assert.Equal(new Uri(ui, "targets").ToString(), page.Url);
        Assert.Empty(errors);
        await page.CloseAsync();
    }

    [Fact]
    public async Task The_alerts_page_shows_a_firing_alert_with_its_labels_and_annotations()
    {
        var (ui, api) = await fixture.Backend.StartUpstreamWithRulesAsync();
        await UiBackend.WaitUntilAsync(
            async () => (await UiBackend.ApiDataAsync(api, "alerts")).GetProperty("alerts").GetArrayLength() > 0,
            "the alert to become active");
        var page = await fixture.NewPageAsync([]);

        await page.GotoAsync(new Uri(ui, "alerts").ToString());

        var rule = page.Locator(".alert-rule");
        await Assertions.Expect(rule).ToContainTextAsync("AlwaysFiring");
        await Assertions.Expect(rule.Locator("table.alerts")).ToContainTextAsync("severity=\"page\"");
        await Assertions.Expect(rule.Locator("table.alerts")).ToContainTextAsync("An alert that always fires");
        await Assertions.Expect(rule.Locator("table.alerts .badge")).ToHaveTextAsync(new Regex("firing|pending"));
        await page.CloseAsync();
    }

    [Fact]
    public async Task Service_discovery_shows_discovered_labels_and_dropped_targets()
    {
        var page = await fixture.NewPageAsync([]);

        await page.GotoAsync(new Uri(fixture.Backend.Ui, "service-discovery").ToString());

        await Assertions.Expect(page.Locator("table.sd").First).ToContainTextAsync("__meta_filepath");
        await Assertions.Expect(page.Locator(".badge.dropped")).ToHaveCountAsync(1);
        await page.GetByLabel("show dropped targets").UncheckAsync();
        await Assertions.Expect(page.Locator(".badge.dropped")).ToHaveCountAsync(0);
        await page.CloseAsync();
    }

    [Fact]
    public async Task The_dark_theme_is_remembered_across_reloads()
    {
        var page = await fixture.NewPageAsync([]);
        await page.GotoAsync(new Uri(fixture.Backend.Ui, "query?g0.expr=rate(prometheus_http_requests_total%5B1m%5D)&g0.tab=graph").ToString());
        var before = await page.Locator("html").GetAttributeAsync("data-theme");
        var other = before == "dark" ? "light" : "dark";

        await page.GetByLabel("Toggle theme").ClickAsync();
        await page.ReloadAsync();

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", other);
        await Assertions.Expect(page.Locator(".graph")).ToHaveCountAsync(1);
        await fixture.ScreenshotAsync(page, $"query-graph-{other}");
        await page.CloseAsync();
    }
}
