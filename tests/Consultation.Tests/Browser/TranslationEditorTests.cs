namespace Consultation.Tests.Browser;

using Consultation.Tests.Support;
using Consultation.Web.Domain;
using Microsoft.Playwright;

[Trait("Category", "Browser")]
public sealed class TranslationEditorTests(BrowserFixture browser) : BrowserTest(browser), IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AnOrganiserTranslatesSideBySide_AndTheEditorFitsANarrowPhone()
    {
        var app = Browser.App;
        var id = await app.WithDbAsync(async db =>
        {
            var c = Consultation.Create($"tr-browser-{Guid.NewGuid():N}"[..20], "en", ["en", "fr"], AccessMode.PublicLink,
                isAnonymous: false, estimatedMinutes: 5, app.Clock.GetUtcNow());
            c.SetText(ElementKey.Consultation, TextField.Title, "en", "Shade in the city");
            c.SetText(ElementKey.Consultation, TextField.Title, "fr", "De l’ombre en ville");
            c.SetText(ElementKey.Consultation, TextField.Landing, "en",
                "The city plans **2,000 new trees** by 2030.\n\n- Takes about ten minutes\n- Your answers help decide where shade is missing.");
            var section = c.AddSection("streets");
            c.SetText(ElementKey.Section("streets"), TextField.Title, "en", "Your street");
            c.SetText(ElementKey.Section("streets"), TextField.Title, "fr", "Votre rue");
            // Changed after the French was written: shown as outdated.
            c.SetText(ElementKey.Section("streets"), TextField.Title, "en", "Your street and neighbourhood");
            var shade = section.AddQuestion(c, "shade", QuestionType.SingleChoice, true);
            c.SetText(ElementKey.Question("shade"), TextField.Label, "en", "Is there enough shade on your street in summer?");
            c.SetText(ElementKey.Question("shade"), TextField.Help, "en", "Think of the hottest afternoons.");
            foreach (var (code, text) in new[] { ("yes", "Yes"), ("no", "No") })
            {
                shade.AddOption(code);
                c.SetText(ElementKey.Option("shade", code), TextField.Label, "en", text);
            }
            db.Consultations.Add(c);
            await db.SaveChangesAsync();
            return c.Id;
        });
        var organiser = await app.OrganiserOfAsync(id);

        var page = await Browser.NewPageAsync("en-GB", width: 1100);
        await BrowserFixture.SignInAsync(page, organiser);

        await page.GotoAsync($"/organise/{id}/translations");
        await page.GetByRole(AriaRole.Link, new() { Name = "Translate – Français" }).ClickAsync();
        await page.Locator("[data-element='question:shade'][data-field='Label'] textarea")
            .FillAsync("Y a-t-il assez d’ombre dans votre rue en été ?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-saved]")).ToHaveTextAsync("Saved.");
        await Assertions.Expect(page.Locator("[data-element='question:shade'][data-field='Label'] textarea"))
            .ToHaveValueAsync("Y a-t-il assez d’ombre dans votre rue en été ?");
        await BrowserFixture.ScreenshotAsync(page, "translations-editor");

        // Under 768 px the two columns stack; at 360 px nothing scrolls sideways.
        await page.SetViewportSizeAsync(360, 800);
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"The editor scrolls {overflow} px sideways at 360 px.");
        await BrowserFixture.ScreenshotAsync(page, "translations-editor-360");
    }
}
