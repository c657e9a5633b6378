namespace Consultation.Tests.Pages.Organise.Preview;

using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Consultation.Tests.Support;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Exports;
using Consultation.Web.Pages.Organise;
using Microsoft.EntityFrameworkCore;

/// <summary>Test mode: answers submitted from the preview as test responses, marked, never counted, and cleared by organisers.</summary>
public sealed class TestModeTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly Dictionary<string, string[]> DraftAnswers = new()
    {
        ["sector"] = ["academia"], ["contact_ok"] = ["yes"], ["email"] = ["person@example.org"],
    };

    [Fact]
    public async Task ADraftsTestResponse_IsStoredAsATest_OnATestVersion_AndShownApartOnTheOverview()
    {
        var id = await PreviewPageTests.DraftAsync(app);
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id));

        var stored = await SubmitTestAsync(organiser, id, "fr", DraftAnswers);

        await ResponseAssert.RedirectsTo($"/organise/{id}/preview?language=fr&stored=true", stored);
        var response = await app.WithDbAsync(db => db.Responses.AsNoTracking().SingleAsync(r => r.ConsultationId == id));
        Assert.True(response.IsTest);
        Assert.Equal(ResponseChannel.Preview, response.Channel);
        Assert.Equal("fr", response.Language);
        Assert.Equal("person@example.org", response.Answers.Text("email"));
        var version = await app.WithDbAsync(db => db.QuestionnaireVersions.IgnoreQueryFilters().AsNoTracking().SingleAsync(v => v.ConsultationId == id));
        Assert.Equal((true, 0, version.Id), (version.IsTest, version.Number, response.QuestionnaireVersionId));
        Assert.Null(await app.WithDbAsync(db => db.QuestionnaireVersions.LatestAsync(id, CancellationToken.None)));
        Assert.Contains(await app.WithDbAsync(db => db.AuditEvents.Where(e => e.ConsultationId == id).Select(e => e.Action).ToListAsync()),
            a => a == AuditActions.TestResponseSubmitted);
        Assert.Empty(await app.WithDbAsync(db => db.OutboundEmails.Where(e => e.Kind == EmailKind.Receipt).ToListAsync()));

        var after = await organiser.GetPageAsync($"/organise/{id}/preview?language=fr&stored=true");
        Assert.Equal(Localized.Text("en", "Your test response was stored. It is marked as a test and left out of every count and summary."), after.Text("[data-preview-outcome]"));
        var overview = await organiser.GetPageAsync($"/organise/{id}");
        Assert.Contains(Localized.Text("en", "{0} test responses (not counted)", 1), overview.Text("[data-test-responses]"), StringComparison.Ordinal);
        Assert.Equal("0", overview.QuerySelectorAll("dd").First(dd => dd.PreviousElementSibling?.TextContent == "Submitted responses").TextContent.Trim());
    }

    [Fact]
    public async Task AnUnchangedDraft_ReusesItsTestVersion_AChangedOneFreezesANewOne_AndPublishingStillNumbersFromOne()
    {
        var id = await PreviewPageTests.DraftAsync(app);
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id));

        await SubmitTestAsync(organiser, id, "en", DraftAnswers);
        await SubmitTestAsync(organiser, id, "en", DraftAnswers);
        Assert.Equal(1, await TestVersionsAsync(id));
        await app.WithDbAsync(async db =>
        {
            var consultation = await QuestionnaireLoaderFor(db, id);
            consultation.SetText(ElementKey.Question("email"), TextField.Help, "en", "We write once.");
            consultation.SetText(ElementKey.Question("email"), TextField.Help, "fr", "Nous écrivons une fois.");
            await db.SaveChangesAsync();
        });
        await SubmitTestAsync(organiser, id, "en", DraftAnswers);
        Assert.Equal(2, await TestVersionsAsync(id));

        var publish = await organiser.GetPageAsync($"/organise/{id}/publish");
        await ResponseAssert.RedirectsTo($"/organise/{id}", await organiser.SubmitAsync(publish, formSelector: "main form", pagePath: $"/organise/{id}/publish"));

        var published = await app.WithDbAsync(db => db.QuestionnaireVersions.LatestAsync(id, CancellationToken.None));
        Assert.Equal((1, false), (published!.Number, published.IsTest));
    }

    [Fact]
    public async Task OnAPublishedConsultation_ATestResponseAnswersThePublishedVersion_AndNeverCountsInTheAnalysisOrTheSummary()
    {
        var consultation = await app.EveryTypeAsync();
        var id = consultation.Id;
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id));
        var respondent = app.Respondent();
        var answer = await respondent.GetPageAsync($"/c/{consultation.Slug}/answer");
        await ResponseAssert.RedirectsTo($"/c/{consultation.Slug}/thank-you", await respondent.CompleteAsync(answer, TestConsultations.EveryTypeAnswers()));

        var answers = TestConsultations.EveryTypeAnswers();
        answers[TestConsultations.Codes.Role] = ["academic"];
        answers.Remove("a.role.other");
        await ResponseAssert.RedirectsTo($"/organise/{id}/preview?language=en&stored=true", await SubmitTestAsync(organiser, id, "en", answers));

        var test = await app.WithDbAsync(db => db.Responses.AsNoTracking().SingleAsync(r => r.ConsultationId == id && r.IsTest));
        var published = await app.WithDbAsync(db => db.QuestionnaireVersions.LatestAsync(id, CancellationToken.None));
        Assert.Equal(published!.Id, test.QuestionnaireVersionId);
        Assert.Equal(0, await TestVersionsAsync(id));

        var summary = await app.WithDbAsync(db => SummaryQuery.CountAsync(db, id, "en", app.Clock.GetUtcNow(), CancellationToken.None));
        Assert.Equal(1, summary.Submitted);
        Assert.Equal([1], summary.Versions);
        var role = summary.Questions.Single(q => q.Code == TestConsultations.Codes.Role);
        Assert.Equal((1, 0, 1), (role.Answered, role.Options.Single(o => o.Code == "academic").Count, role.Options.Single(o => o.Code == "other").Count));

        var analyst = await app.SignedInAsync(await app.AnalystOfAsync(id));
        var analysis = await analyst.GetPageAsync($"/analyse/{id}");
        Assert.Contains(Localized.Text("en", "Submitted responses: {0}", 1), analysis.Text("main"), StringComparison.Ordinal);
        Assert.Equal(Localized.Text("en", "{0} test responses (not counted)", 1), analysis.Text("[data-test-responses]"));
        var overview = await organiser.GetPageAsync($"/organise/{id}");
        Assert.Equal("1", overview.QuerySelectorAll("dd").First(dd => dd.PreviousElementSibling?.TextContent == "Submitted responses").TextContent.Trim());
    }

    [Fact]
    public async Task TheSameFormSubmittedTwice_MakesOneTestResponse()
    {
        var id = await PreviewPageTests.DraftAsync(app);
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id));
        var page = await organiser.GetPageAsync($"/organise/{id}/preview");
        var button = page.QuerySelector<IHtmlButtonElement>("button[name=asTest]");

        var first = await organiser.SubmitAsync(page, DraftAnswers, formSelector: "#preview-form", submitter: button);
        var second = await organiser.SubmitAsync(page, DraftAnswers, formSelector: "#preview-form", submitter: button);

        await ResponseAssert.RedirectsTo($"/organise/{id}/preview?language=en&stored=true", first);
        await ResponseAssert.RedirectsTo($"/organise/{id}/preview?language=en&stored=true", second);
        Assert.Equal(1, await app.WithDbAsync(db => db.Responses.CountAsync(r => r.ConsultationId == id && r.IsTest)));
    }

    [Fact]
    public async Task AnOrganiserClearsTheTestResponses_AfterConfirming_AndTheirTestVersionsGoToo()
    {
        var id = await PreviewPageTests.DraftAsync(app);
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id));
        await SubmitTestAsync(organiser, id, "en", DraftAnswers);
        await SubmitTestAsync(organiser, id, "fr", DraftAnswers);
        var preview = await organiser.GetPageAsync($"/organise/{id}/preview");
        Assert.Equal($"/organise/{id}/test-responses", preview.QuerySelector("[data-test-responses] a")!.GetAttribute("href"));

        var confirm = await organiser.GetPageAsync($"/organise/{id}/test-responses");
        Assert.Equal(Localized.Text("en", "Delete {0} test responses", 2), confirm.Text("main form button"));
        var cleared = await organiser.SubmitAsync(confirm, formSelector: "main form", pagePath: $"/organise/{id}/test-responses");

        await ResponseAssert.RedirectsTo($"/organise/{id}", cleared);
        Assert.Equal(0, await app.WithDbAsync(db => db.Responses.CountAsync(r => r.ConsultationId == id)));
        Assert.Equal(0, await TestVersionsAsync(id));
        Assert.Contains(await app.WithDbAsync(db => db.AuditEvents.Where(e => e.ConsultationId == id).Select(e => e.Action).ToListAsync()),
            a => a == AuditActions.TestResponsesCleared);
        Assert.Null((await organiser.GetPageAsync($"/organise/{id}")).QuerySelector("[data-test-responses]"));
    }

    [Fact]
    public async Task AnAnalystOfTheTeam_MaySubmitATestResponse_ButNotClearThem()
    {
        var id = await PreviewPageTests.DraftAsync(app);
        var analyst = await app.SignedInAsync(await app.AnalystOfAsync(id));
        await ResponseAssert.RedirectsTo($"/organise/{id}/preview?language=en&stored=true", await SubmitTestAsync(analyst, id, "en", DraftAnswers));
        var preview = await analyst.GetPageAsync($"/organise/{id}/preview");
        Assert.Null(preview.QuerySelector("[data-test-responses] a"));

        var asked = await analyst.GetAsync($"/organise/{id}/test-responses");
        var posted = await analyst.PostAsync($"/organise/{id}/test-responses", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.Forbidden, asked.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.Responses.CountAsync(r => r.ConsultationId == id && r.IsTest)));
    }

    private static async Task<HttpResponseMessage> SubmitTestAsync(HttpClient client, Guid id, string language, Dictionary<string, string[]> answers)
    {
        var page = await client.GetPageAsync($"/organise/{id}/preview?language={language}");
        return await client.SubmitAsync(page, answers, formSelector: "#preview-form", submitter: page.QuerySelector<IHtmlButtonElement>("button[name=asTest]"));
    }

    private Task<int> TestVersionsAsync(Guid id) => app.WithDbAsync(db => db.QuestionnaireVersions.Tests(id).CountAsync());

    private static Task<Consultation> QuestionnaireLoaderFor(ConsultationDbContext db, Guid id) =>
        QuestionnaireLoader.LoadAsync(db, id, CancellationToken.None)!;
}
