namespace Consultation.Tests.Browser;

using Consultation.Tests.Support;
using Consultation.Web.Demo;
using Microsoft.Playwright;

[Trait("Category", "Browser")]
public sealed class OrganiseSettingsTests(BrowserFixture browser) : BrowserTest(browser), IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AnOrganiserCreatesAConsultation_FindingLanguagesWithTheFilter_AndLandsOnItsSettings()
    {
        var page = await Browser.NewPageAsync("en-GB", width: 1100);
        // The machine is shared with other builds: give slow pages time rather than fail.
        page.SetDefaultTimeout(90_000);
        page.SetDefaultNavigationTimeout(90_000);
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                violations.Add(message.Text);
        };
        await BrowserFixture.SignInAsync(page, DemoSeeder.OrganiserEmail);

        await page.GotoAsync("/organise");
        await page.GetByRole(AriaRole.Link, new() { Name = "New consultation" }).ClickAsync();
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("Shade in the city: where should trees go?");
        await page.GetByLabel("Summary", new() { Exact = true }).FillAsync("The city plans **2,000 new trees** by 2030.\n\nTell us where shade is missing.");
        await page.GetByLabel("Landing page text", new() { Exact = true }).FillAsync("- Takes about ten minutes\n- Answers are [anonymous](https://example.org/privacy)");
        await page.GetByLabel("Public link", new() { Exact = true }).FillAsync("shade-in-the-city");

        var filter = page.GetByRole(AriaRole.Searchbox, new() { Name = "Filter the languages" });
        await filter.FillAsync("日本");
        Assert.True(await page.Locator("#Input_OfferedLanguages option[value='ja']").IsVisibleAsync());
        Assert.Equal("", await page.Locator("#Input_OfferedLanguages option[value='de']").GetAttributeAsync("hidden"));
        await filter.FillAsync("");
        await page.Locator("#Input_OfferedLanguages").SelectOptionAsync(["en", "fr", "ja", "sw"]);
        await page.GetByLabel("Closes at", new() { Exact = true }).FillAsync("2031-06-30T17:00");
        await page.GetByLabel("Time zone", new() { Exact = true }).SelectOptionAsync("Europe/Paris");
        await page.GetByLabel("Both: invited stakeholders and the public link").CheckAsync();
        await page.GetByLabel("Public link", new() { Exact = true }).FillAsync(DemoSeeder.Slug);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the consultation" }).ClickAsync();

        // Refused: the summary names the problem and links to the field; everything typed is still there.
        await Assertions.Expect(page.Locator("[data-error-summary]")).ToContainTextAsync($"The link /c/{DemoSeeder.Slug} is already taken");
        await Assertions.Expect(page.Locator("[data-error-summary]")).ToBeFocusedAsync();
        await Assertions.Expect(page.GetByLabel("Title", new() { Exact = true })).ToHaveValueAsync("Shade in the city: where should trees go?");
        await Assertions.Expect(page.Locator("#Input_OfferedLanguages option:checked")).ToHaveCountAsync(4);
        await BrowserFixture.ScreenshotAsync(page, "organise-new-refused");
        await page.Locator("[data-error-summary] a").ClickAsync();
        await Assertions.Expect(page.GetByLabel("Public link", new() { Exact = true })).ToBeFocusedAsync();
        await page.GetByLabel("Public link", new() { Exact = true }).FillAsync("shade-in-the-city");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the consultation" }).ClickAsync();

        // The redirect keeps the fragment the error summary's link added (#Input_Slug), as browsers do.
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/organise/[0-9a-f-]+/settings(#.*)?$"), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Shade in the city: where should trees go?");
        await Assertions.Expect(page.GetByLabel("Time zone", new() { Exact = true })).ToHaveValueAsync("Europe/Paris");
        await Assertions.Expect(page.GetByLabel("Closes at", new() { Exact = true })).ToHaveValueAsync("2031-06-30T17:00");
        await BrowserFixture.ScreenshotAsync(page, "organise-settings");
        Assert.Empty(violations);
    }
}
