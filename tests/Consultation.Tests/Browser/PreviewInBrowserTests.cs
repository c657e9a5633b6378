namespace Consultation.Tests.Browser;

using Consultation.Tests.Pages.Organise.Preview;
using Consultation.Tests.Support;
using Microsoft.Playwright;

/// <summary>The organisers' preview in a real browser: the second language, with its condition hiding and showing a question.</summary>
[Trait("Category", "Browser")]
public sealed class PreviewInBrowserTests(BrowserFixture browser) : BrowserTest(browser), IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AnOrganiserPreviewsADraftInFrench_AndTheConditionHidesThenShowsTheEmailQuestion()
    {
        var id = await PreviewPageTests.DraftAsync(Browser.App);
        var email = await Browser.App.OrganiserOfAsync(id);
        var page = await Browser.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                violations.Add(message.Text);
        };
        await BrowserFixture.SignInAsync(page, email);

        await page.GotoAsync($"/organise/{id}/preview");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Preview in:" }).GetByRole(AriaRole.Link, new() { Name = "Français" }).ClickAsync();
        await page.WaitForURLAsync($"**/organise/{id}/preview?language=fr", new() { WaitUntil = WaitUntilState.DOMContentLoaded });

        await Assertions.Expect(page.Locator("[data-preview-content] h1")).ToHaveTextAsync("De l’eau pour tous");
        var emailQuestion = page.Locator("[data-question='email']");
        await Assertions.Expect(emailQuestion).ToBeHiddenAsync();
        await page.GetByLabel("Recherche").CheckAsync();
        await page.Locator("[name='a.contact_ok'][value='yes']").CheckAsync();
        await Assertions.Expect(emailQuestion).ToBeVisibleAsync();
        await page.GetByLabel("Adresse e-mail").FillAsync("personne@example.org");
        await BrowserFixture.ScreenshotAsync(page, "preview");
        await page.Locator("[name='a.contact_ok'][value='no']").CheckAsync();
        await Assertions.Expect(emailQuestion).ToBeHiddenAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Check the answers" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-preview-outcome]")).ToHaveTextAsync(
            Localized.Text("en", "These answers are valid: a respondent could submit them. Nothing was stored."));
        Assert.Empty(violations);
    }
}
