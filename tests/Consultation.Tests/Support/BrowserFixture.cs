namespace Consultation.Tests.Support;

using System.Text.RegularExpressions;
using Microsoft.Playwright;

/// <summary>
/// The app on a real Kestrel port and Debian's Chromium driven by Playwright (offline: its own Node driver,
/// the system browser). Screenshots go to artifacts/screenshots, which git ignores.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>
    /// How long actions and assertions wait. Tests wait for what a step leads to (an address, a heading, an element)
    /// with Playwright's retrying assertions rather than for navigation events, so assertions get the same patience as
    /// actions (their own default is 5 s, less than one loaded page takes on a busy machine). A passing assertion
    /// returns as soon as it holds.
    /// </summary>
    public const float Patience = 60_000;

    private IPlaywright? _playwright;
    private readonly List<IBrowserContext> _contexts = [];

    public BrowserFixture() : this(new AppFactory())
    {
    }

    protected BrowserFixture(AppFactory app) => App = app;

    public AppFactory App { get; }
    public IBrowser Browser { get; private set; } = null!;
    public string BaseAddress { get; private set; } = "";

    public static string ScreenshotFolder { get; } = Path.Combine(RepositoryRoot.Path, "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        App.UseKestrel(0);
        App.StartServer();
        BaseAddress = App.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        Directory.CreateDirectory(ScreenshotFolder);
        Assertions.SetDefaultExpectTimeout(Patience);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A page in a new context (its own cookies); <paramref name="javaScript"/> false is a browser without scripts.</summary>
    public async Task<IPage> NewPageAsync(string locale = "en-GB", int width = 1024, bool javaScript = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            JavaScriptEnabled = javaScript,
            Locale = locale,
            ViewportSize = new ViewportSize { Width = width, Height = 800 },
            BaseURL = BaseAddress,
        });
        // The whole suite runs its classes in parallel on two cores; a first sign-in (password hashing, page
        // compilation) has taken over 30 s there. Waits are generous so that only a real hang fails.
        context.SetDefaultTimeout(Patience);
        context.SetDefaultNavigationTimeout(Patience);
        lock (_contexts)
            _contexts.Add(context);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Closes every page the tests opened so far. A page left open keeps its renderer process and its scripts'
    /// timers running; a class of ten tests left ten of them competing for two cores with the pages still tested.
    /// </summary>
    public async Task ClosePagesAsync()
    {
        IBrowserContext[] open;
        lock (_contexts)
        {
            open = [.. _contexts];
            _contexts.Clear();
        }
        foreach (var context in open)
            await context.CloseAsync();
    }

    /// <summary>Signs a staff member in through the sign-in page, as a person would, and waits for their start page.</summary>
    public static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(AppFactory.StaffPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/staff$"));
    }

    public static Task ScreenshotAsync(IPage page, string name, bool fullPage = true) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, $"{name}.png"), FullPage = fullPage });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.CloseAsync();
        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}

/// <summary>The browser against an app that runs its own Hangfire server, for pages that follow a job's progress.</summary>
public sealed class BrowserWithJobsFixture() : BrowserFixture(AppFactory.With(new Dictionary<string, string?> { ["Jobs:Server"] = "true" }));

/// <summary>The browser against an app whose emails land in its own in-process mailbox (/admin/mailbox), as in the demo.</summary>
public sealed class BrowserWithMailboxFixture() : BrowserFixture(AppFactory.With(new Dictionary<string, string?> { ["Email:InProcessServer"] = "true" }));
