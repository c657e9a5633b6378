namespace Consultation.Tests.Pages.Respond;

using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Consultation.Tests.Support;
using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;

/// <summary>Respondents say how their response may be published, when the consultation asks; never "with my name" in an anonymous one.</summary>
public sealed class PublicationPreferenceTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task WhenAsked_AChoiceIsRequired_ThenStoredWithTheResponse()
    {
        var slug = await AskingAsync(anonymous: false);
        var respondent = app.Respondent();
        var page = await respondent.GetPageAsync($"/c/{slug}/answer");
        // Asked once, on the review page, not on the answer pages.
        Assert.Null(page.QuerySelector("[data-publication-preference]"));
        var review = await respondent.ReviewPageAsync(page, new Dictionary<string, string[]> { ["view"] = ["Keep it simple"] });
        Assert.Equal(["WithName", "Anonymously", "NotPublished"],
            review.QuerySelectorAll<IHtmlInputElement>("#review-form [data-publication-preference] input[type=radio]").Select(r => r.Value));

        var refused = await respondent.SubmitAsync(review, formSelector: "#review-form");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var shown = await Html.ParseAsync(refused);
        var link = shown.QuerySelector("[data-error-summary] a[href='#publication-choice']");
        Assert.Equal("Choose how your response may be published", link?.TextContent);
        Assert.Equal("true", shown.QuerySelector("#publication-choice")!.GetAttribute("aria-invalid"));
        Assert.Contains("Keep it simple", shown.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(await ResponsesAsync(slug), r => r.IsSubmitted);

        var sent = await respondent.SubmitAsync(shown, new Dictionary<string, string[]> { ["Publication"] = ["Anonymously"] }, formSelector: "#review-form");

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var stored = Assert.Single(await ResponsesAsync(slug));
        Assert.True(stored.IsSubmitted);
        Assert.Equal(PublicationPreference.Anonymously, stored.PublicationPreference);
    }

    [Fact]
    public async Task AnAnonymousConsultation_NeverOffersOrTakes_WithMyName()
    {
        var slug = await AskingAsync(anonymous: true);
        var respondent = app.Respondent("fr-FR");
        var page = await respondent.GetPageAsync($"/c/{slug}/answer");
        var review = await respondent.ReviewPageAsync(page, new Dictionary<string, string[]> { ["view"] = ["Vue"] });
        Assert.Equal(["Anonymously", "NotPublished"],
            review.QuerySelectorAll<IHtmlInputElement>("#review-form [data-publication-preference] input[type=radio]").Select(r => r.Value));

        var forged = await respondent.SubmitAsync(review, new Dictionary<string, string[]> { ["Publication"] = ["WithName"] }, formSelector: "#review-form");

        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Contains(Localized.Text("fr", "Choose how your response may be published"), (await Html.ParseAsync(forged)).Text("[data-error-summary]"), StringComparison.Ordinal);
        Assert.DoesNotContain(await ResponsesAsync(slug), r => r.IsSubmitted);
    }

    [Fact]
    public async Task NotAsked_NoChoiceIsShown_AndAPostedOneIsIgnored()
    {
        var slug = await AskingAsync(anonymous: false, asks: false);
        var respondent = app.Respondent();
        var page = await respondent.GetPageAsync($"/c/{slug}/answer");
        var review = await respondent.ReviewPageAsync(page, new Dictionary<string, string[]> { ["view"] = ["Fine"] });
        Assert.Null(review.QuerySelector("[data-publication-preference]"));

        var sent = await respondent.SubmitAsync(review, new Dictionary<string, string[]> { ["Publication"] = ["WithName"] }, formSelector: "#review-form");

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Null(Assert.Single(await ResponsesAsync(slug)).PublicationPreference);
    }

    [Fact]
    public async Task OrganisersTurnTheQuestionOn_InTheSettings_AndOnALiveConsultationItWaitsForTheNextVersion()
    {
        var slug = await AskingAsync(anonymous: false, asks: false);
        var id = await app.WithDbAsync(db => db.Consultations.Where(c => c.Slug == slug).Select(c => c.Id).SingleAsync());
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id));
        var path = $"/organise/{id}/settings";
        var settings = await organiser.GetPageAsync(path);
        settings.QuerySelector<IHtmlInputElement>("input[type=checkbox][name='Input.AsksPublicationPreference']")!.IsChecked = true;
        // As a browser sends it: the settled fields of a published consultation are disabled, so not sent.
        var form = settings.QuerySelector<IHtmlFormElement>("#settings-form")!;
        var disabled = form.Elements.Where(e => e.HasAttribute("disabled")).Select(e => e.GetAttribute("name")).ToHashSet();
        var values = Html.FormValues(form).Where(v => !disabled.Contains(v.Key) || v.Value == "false");

        var saved = await organiser.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(values));
        var body = await saved.Content.ReadAsStringAsync();
        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, $"{(int)saved.StatusCode} {body[..Math.Min(body.Length, 3000)]}");

        Assert.True(await app.WithDbAsync(db => db.Consultations.Where(c => c.Id == id).Select(c => c.AsksPublicationPreference).SingleAsync()));
        var respondent = app.Respondent();
        var review = await respondent.ReviewPageAsync(await respondent.GetPageAsync($"/c/{slug}/answer"), new Dictionary<string, string[]> { ["view"] = ["Fine"] });
        Assert.Null(review.QuerySelector("[data-publication-preference]"));
        var publish = await organiser.GetPageAsync($"/organise/{id}/publish");
        Assert.Contains("Respondents will be asked how their response may be published.", publish.Text("[data-changes]"), StringComparison.Ordinal);
    }

    private Task<List<Response>> ResponsesAsync(string slug) =>
        app.WithDbAsync(db => db.Responses.AsNoTracking().Where(r => db.Consultations.Any(c => c.Id == r.ConsultationId && c.Slug == slug)).ToListAsync());

    private Task<string> AskingAsync(bool anonymous, bool asks = true) => app.WithDbAsync(async db =>
    {
        var slug = $"publish-pref-{Guid.NewGuid():N}"[..24];
        var consultation = Consultation.Create(slug, "en", ["en", "fr"], AccessMode.PublicLink, anonymous, 5, app.Clock.GetUtcNow());
        consultation.SetText(ElementKey.Consultation, TextField.Title, "en", "Views");
        consultation.SetText(ElementKey.Consultation, TextField.Title, "fr", "Avis");
        var section = consultation.AddSection("views");
        consultation.SetText(ElementKey.Section("views"), TextField.Title, "en", "Your views");
        consultation.SetText(ElementKey.Section("views"), TextField.Title, "fr", "Vos avis");
        section.AddQuestion(consultation, "view", QuestionType.LongText, true);
        consultation.SetText(ElementKey.Question("view"), TextField.Label, "en", "Your view");
        consultation.SetText(ElementKey.Question("view"), TextField.Label, "fr", "Votre avis");
        consultation.AskPublicationPreference(asks);
        consultation.Publish(app.Clock.GetUtcNow());
        db.Consultations.Add(consultation);
        await db.SaveChangesAsync();
        return slug;
    });
}
