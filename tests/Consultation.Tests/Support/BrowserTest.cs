namespace Consultation.Tests.Support;

using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

/// <summary>
/// A test class on a <see cref="BrowserFixture"/>: the pages a test opens are closed when it ends, so the tests of a
/// class (which run one after another on the class's fixture) never leave pages running behind the next one.
/// </summary>
public abstract class BrowserTest(BrowserFixture browser) : IAsyncLifetime
{
    protected BrowserFixture Browser { get; } = browser;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => Browser.ClosePagesAsync();

    private static readonly AxeRunOptions WcagAndBestPractice = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
    };

    /// <summary>axe's WCAG 2.2 AA and best-practice rules on the page as it is: every violation listed in the failure.</summary>
    protected static async Task AssertNoAxeViolationsAsync(IPage page, string what)
    {
        var result = await page.RunAxe(WcagAndBestPractice);
        Assert.NotEmpty(result.Passes);
        var violations = result.Violations.Select(v => $"- {v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target))}");
        Assert.True(result.Violations.Length == 0, $"axe found {result.Violations.Length} violation(s) on {what}:\n{string.Join("\n", violations)}");
    }
}
