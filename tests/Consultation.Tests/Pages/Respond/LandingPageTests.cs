namespace Consultation.Tests.Pages.Respond;

using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using Consultation.Tests.Support;
using Consultation.Web.Domain;

/// <summary>The page a link opens: purpose, privacy notice, time to answer and deadline, in the respondent's language.</summary>
public sealed class LandingPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private string ClosingIso => LandingConsultations.ClosingTime(app.Clock.GetUtcNow()).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [Fact]
    public async Task InFrench_ShowsThePurpose_TheTimeToAnswer_AndTheDeadlineInParisTime_NamingTheZone()
    {
        var consultation = await app.SeedAsync();

        var page = await app.Respondent("fr-FR,fr;q=0.9").GetPageAsync($"/c/{consultation.Slug}");

        Assert.Equal("fr", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(LandingConsultations.Title, page.Text("h1"));
        Assert.Equal("priorités", page.Text(".lead-paragraph strong"));
        Assert.Equal("https://example.org/background", page.QuerySelector("main .markdown a")!.GetAttribute("href"));
        Assert.Equal(Localized.Text("fr", "It takes about {0} minutes to answer.", 10), page.Text(".facts__duration"));
        var deadline = page.QuerySelector(".facts__deadline time")!;
        Assert.Equal(ClosingIso, deadline.GetAttribute("datetime"));
        Assert.Equal(LandingConsultations.TimeZone, deadline.GetAttribute("data-time-zone"));
        // 16:00 UTC in July is 18:00 in Paris, written the French way and named.
        Assert.Contains("15 juillet", deadline.TextContent, StringComparison.Ordinal);
        Assert.EndsWith("18:00 (Europe/Paris)", deadline.TextContent, StringComparison.Ordinal);
        Assert.Equal(Localized.Text("fr", "The consultation closes on {0}.", deadline.TextContent), page.Text(".facts__deadline"));
        Assert.Equal(Localized.Text("fr", "How we use your answers"), page.Text("#privacy-heading"));
        Assert.Equal(Localized.Text("fr", "Start now"), page.Text("a.btn-primary"));
        Assert.Equal($"/c/{consultation.Slug}/print", page.QuerySelector(".landing-actions__print")!.GetAttribute("href"));
        Assert.Equal(Localized.Text("fr", "Print or save the questionnaire"), page.Text(".landing-actions__print"));
        Assert.NotNull(page.QuerySelector("script[src*='local-time']"));
    }

    [Fact]
    public async Task InJapanese_TheTextsAndTheDeadlineAreJapanese()
    {
        var consultation = await app.SeedAsync();

        var page = await app.Respondent("ja-JP,ja;q=0.9").GetPageAsync($"/c/{consultation.Slug}");

        Assert.Equal("ja", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(LandingConsultations.TitleJa, page.Text("h1"));
        Assert.Equal(Localized.Text("ja", "It takes about {0} minutes to answer.", 10), page.Text(".facts__duration"));
        var deadline = page.QuerySelector(".facts__deadline time")!;
        Assert.Equal(ClosingIso, deadline.GetAttribute("datetime"));
        Assert.Contains("7月15日", deadline.TextContent, StringComparison.Ordinal);
        Assert.Contains("18:00", deadline.TextContent, StringComparison.Ordinal);
        Assert.Contains("Europe/Paris", deadline.TextContent, StringComparison.Ordinal);
        Assert.Equal(Localized.Text("ja", "How we use your answers"), page.Text("#privacy-heading"));
        Assert.Equal(Localized.Text("ja", "Print or save the questionnaire"), page.Text(".landing-actions__print"));
    }

    [Fact]
    public async Task PrivacyNotice_IsMarkdown_WithoutRunnableLinksOrMarkup()
    {
        var consultation = await app.SeedAsync();

        var page = await app.Respondent("fr-FR").GetPageAsync($"/c/{consultation.Slug}");

        var notice = page.QuerySelector(".privacy-notice")!;
        Assert.Equal("deux ans", notice.QuerySelector("em")!.TextContent);
        Assert.Contains("Cliquez ici", notice.TextContent, StringComparison.Ordinal);
        Assert.Empty(notice.QuerySelectorAll("a"));
        Assert.Empty(page.QuerySelectorAll("a[href^='javascript'], main script"));
        Assert.Contains("<script>alert(1)</script>", notice.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutADeadline_SaysThereIsNoClosingDate_AndAShortOneTakesAboutAMinute()
    {
        var consultation = await app.SeedAsync(closes: false, minutes: 1);

        var page = await app.Respondent("fr-FR").GetPageAsync($"/c/{consultation.Slug}");

        Assert.Equal(Localized.Text("fr", "No closing date"), page.Text(".facts__deadline"));
        Assert.Null(page.QuerySelector("time"));
        Assert.Equal(Localized.Text("fr", "It takes about a minute to answer."), page.Text(".facts__duration"));
    }

    [Fact]
    public async Task BeforeItOpens_TheLandingSaysWhen_InParisTime_AndOffersNoStart()
    {
        var now = app.Clock.GetUtcNow();
        var opens = new DateTimeOffset(now.Year + 1, 1, 10, 8, 30, 0, TimeSpan.Zero);
        var consultation = await app.SeedAsync(opens: opens);

        var response = await app.Respondent("fr-FR").GetAsync($"/c/{consultation.Slug}");
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Localized.Text("fr", "This consultation is not open yet"), page.Text(".notice-panel h2"));
        var opening = page.QuerySelector(".notice-panel time")!;
        Assert.Equal(opens.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), opening.GetAttribute("datetime"));
        // 08:30 UTC in January is 09:30 in Paris (winter time).
        Assert.Contains("10 janvier", opening.TextContent, StringComparison.Ordinal);
        Assert.Contains("09:30 (Europe/Paris)", opening.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("a.btn-primary"));
        Assert.NotNull(page.QuerySelector(".landing-actions__print"));
        Assert.Equal(ConsultationStatus.Scheduled, consultation.Status);
    }

    [Fact]
    public async Task AfterItCloses_TheLinkShowsTheLocalizedClosedPage()
    {
        var consultation = await app.SeedAsync();
        await app.WithDbAsync(async db =>
        {
            var stored = db.Consultations.Single(c => c.Id == consultation.Id);
            stored.Close(app.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        });

        var response = await app.Respondent("fr-FR").GetAsync($"/c/{consultation.Slug}");

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Equal(Localized.Text("fr", "This consultation is closed"), (await Html.ParseAsync(response)).Text("h1"));
    }
}
