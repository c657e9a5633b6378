namespace Consultation.Tests.Support;

/// <summary>
/// A test class on a <see cref="BrowserFixture"/>: the pages a test opens are closed when it ends, so the tests of a
/// class (which run one after another on the class's fixture) never leave pages running behind the next one.
/// </summary>
public abstract class BrowserTest(BrowserFixture browser) : IAsyncLifetime
{
    protected BrowserFixture Browser { get; } = browser;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => Browser.ClosePagesAsync();
}
