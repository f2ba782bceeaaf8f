using Microsoft.Playwright;

namespace Pharos.Web.Tests.Ui;

/// <summary>
/// A <see cref="UiBackend"/> and a headless Chromium (Debian's <c>/usr/bin/chromium</c>, driven by Playwright; no
/// browser is downloaded) shared by the browser tests of one class. Each test opens its own page.
/// </summary>
public sealed class UiFixture : IAsyncLifetime
{
    /// <summary>The default browser; overridden by <c>PHAROS_CHROMIUM</c>.</summary>
    public const string DefaultChromium = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The server and UI hosts.</summary>
    public UiBackend Backend { get; } = new();

    /// <summary>The directory screenshots go to (under the test output, or <c>PHAROS_UI_SCREENSHOTS</c>).</summary>
    public string ScreenshotDirectory { get; } =
        Environment.GetEnvironmentVariable("PHAROS_UI_SCREENSHOTS") is { Length: > 0 } dir
            ? dir
            : Path.Combine(AppContext.BaseDirectory, "ui-screenshots");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("PHAROS_CHROMIUM") is { Length: > 0 } path ? path : DefaultChromium;
        if (!File.Exists(chromium))
        {
            throw new FileNotFoundException(
                $"The browser tests need Chromium at {chromium}: apt-get install chromium (test.sh does), or set PHAROS_CHROMIUM.",
                chromium);
        }

        Directory.CreateDirectory(ScreenshotDirectory);
        await Backend.InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>Opens a page with a fixed viewport, recording console errors and uncaught exceptions.</summary>
    /// <param name="errors">Receives every console error and page error text.</param>
    /// <returns>The page; close it when done.</returns>
    public async Task<IPage> NewPageAsync(List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var page = await _browser!.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (errors)
                {
                    errors.Add($"console: {message.Text}");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (errors)
            {
                errors.Add($"page error: {error}");
            }
        };
        return page;
    }

    /// <summary>Saves a full-page screenshot as <c>&lt;name&gt;.png</c> and returns its path.</summary>
    /// <param name="page">The page.</param>
    /// <param name="name">The file name without extension.</param>
    /// <returns>The file's path.</returns>
    public async Task<string> ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        var path = Path.Combine(ScreenshotDirectory, name + ".png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        return path;
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Backend.DisposeAsync();
    }
}
