namespace Consultation.Tests.Pages.Respond;

using Consultation.Tests.Support;
using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using static Consultation.Tests.Support.TestConsultations;

/// <summary>The server decides what a condition hides, whatever the browser sent: hidden questions are never required and their answers are discarded.</summary>
public sealed class ConditionalQuestionsTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly Dictionary<string, (string, byte[])> NoFiles = [];

    [Fact]
    public async Task AnAnswerToAQuestionTheConditionHides_IsDiscarded()
    {
        var consultation = await app.EveryTypeAsync();
        var client = app.Respondent();
        var page = await client.GetPageAsync($"/c/{consultation.Slug}/answer");
        var answers = EveryTypeAnswers();
        answers[Codes.ContactOk] = ["no"];

        var response = await client.CompleteWithFilesAsync(page, answers, NoFiles);

        await ResponseAssert.RedirectsTo($"/c/{consultation.Slug}/thank-you", response);
        var stored = await app.WithDbAsync(db => db.Responses.AsNoTracking().SingleAsync(r => r.ConsultationId == consultation.Id));
        Assert.Equal("no", stored.Answers.Text(Codes.ContactOk));
        Assert.False(stored.Answers.Has(Codes.Email));
    }

    [Fact]
    public async Task ARequiredQuestionTheConditionHides_IsNotRequired_ButOnceShownItIs()
    {
        var consultation = await app.EveryTypeAsync();
        var client = app.Respondent();
        var answers = EveryTypeAnswers();
        answers.Remove(Codes.Email);

        var shown = await client.CompleteWithFilesAsync(await client.GetPageAsync($"/c/{consultation.Slug}/answer"), answers, NoFiles);
        Assert.Contains("q-email", (await Html.ParseAsync(shown)).QuerySelector("[data-error-summary]")!.InnerHtml, StringComparison.Ordinal);

        answers[Codes.ContactOk] = ["no"];
        var hidden = await client.CompleteWithFilesAsync(await client.GetPageAsync($"/c/{consultation.Slug}/answer"), answers, NoFiles);
        await ResponseAssert.RedirectsTo($"/c/{consultation.Slug}/thank-you", hidden);
    }
}
