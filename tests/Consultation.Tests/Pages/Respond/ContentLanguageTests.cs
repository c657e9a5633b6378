namespace Consultation.Tests.Pages.Respond;

using Consultation.Tests.Support;
using Consultation.Web.Domain;

/// <summary>Content may be offered in languages the interface does not have: the chrome falls back, the content stays.</summary>
public sealed class ContentLanguageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Slug = "dialogue-deutsch";

    [Fact]
    public async Task ContentInALanguageTheInterfaceLacks_IsShownInIt_WithTheChromeInEnglish_AndMarkedUp()
    {
        await SeedGermanConsultationAsync();
        var client = app.Respondent("de-DE,de;q=0.9");

        var page = await client.GetPageAsync($"/c/{Slug}");

        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("de", page.QuerySelector("main")!.GetAttribute("lang"));
        Assert.Equal("ltr", page.QuerySelector("main")!.GetAttribute("dir"));
        Assert.Equal("KI-Sicherheit im Dialog", page.Text("h1"));
        Assert.Equal("Start now", page.Text("a.btn-primary"));
        Assert.Contains("Deutsch", page.QuerySelectorAll(".language-switcher a").Select(a => a.TextContent));
    }

    [Fact]
    public async Task ChoosingEnglishOnTheSwitcher_ShowsTheEnglishContent_AndIsRemembered()
    {
        await SeedGermanConsultationAsync();
        var client = app.Respondent("de-DE");

        await client.GetPageAsync($"/c/{Slug}?lang=en");
        var page = await client.GetPageAsync($"/c/{Slug}/answer");

        Assert.Equal("AI safety in dialogue", page.Text("h1"));
        Assert.Null(page.QuerySelector("main")!.GetAttribute("lang"));
    }

    private Task SeedGermanConsultationAsync() => app.WithDbAsync(async db =>
    {
        if (db.Consultations.Any(c => c.Slug == Slug))
            return;
        var now = app.Clock.GetUtcNow();
        var consultation = Consultation.Create(Slug, "de", ["de", "en"], AccessMode.PublicLink, false, 5, now);
        consultation.SetText(ElementKey.Consultation, TextField.Title, "de", "KI-Sicherheit im Dialog");
        consultation.SetText(ElementKey.Consultation, TextField.Title, "en", "AI safety in dialogue");
        var section = consultation.AddSection("main");
        section.AddQuestion(consultation, "view", QuestionType.LongText, isRequired: true);
        consultation.SetText(ElementKey.Question("view"), TextField.Label, "de", "Ihre Meinung");
        consultation.SetText(ElementKey.Question("view"), TextField.Label, "en", "Your view");
        consultation.Publish(now);
        db.Consultations.Add(consultation);
        await db.SaveChangesAsync();
    });
}
