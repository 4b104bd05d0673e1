using Microsoft.Playwright;

namespace SpineSense.Server.Tests.Support;

/// <summary>
/// Debian's Chromium driven by Playwright, started once per test class. Never downloads a browser:
/// the executable is /usr/bin/chromium (./test.sh installs the `chromium` package).
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath)) throw new InvalidOperationException($"{ExecutablePath} is missing: apt-get install chromium (./test.sh does)");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        // Generous: a CI box under load can take many seconds per navigation; a real hang still fails.
        page.SetDefaultTimeout(60_000);
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

/// <summary>
/// Repository paths, and where screenshots go. A test run writes them to a temporary directory so ./test.sh leaves the
/// tree clean; with <c>SPINESENSE_UPDATE_SCREENSHOTS=1</c> (tools/update-screenshots.sh) they replace the committed
/// images under docs/screenshots/ that the README and docs/DASHBOARD.md show.
/// </summary>
public static class RepoPaths
{
    public const string UpdateScreenshotsVariable = "SPINESENSE_UPDATE_SCREENSHOTS";

    // One directory per test process: parallel test classes write different names into it.
    private static readonly Lazy<string> TempScreenshots = new(() =>
        Directory.CreateTempSubdirectory("spinesense-screenshots-").FullName);

    public static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SpineSense.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("SpineSense.sln not found above " + AppContext.BaseDirectory);
    }

    public static bool UpdatesCommittedScreenshots => Environment.GetEnvironmentVariable(UpdateScreenshotsVariable) == "1";

    public static string ScreenshotDirectory()
    {
        if (!UpdatesCommittedScreenshots) return TempScreenshots.Value;
        string dir = Path.Combine(Root(), "docs", "screenshots");
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static string Screenshot(string name) => Path.Combine(ScreenshotDirectory(), name);
}
