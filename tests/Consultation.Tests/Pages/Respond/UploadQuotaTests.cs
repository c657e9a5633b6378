namespace Consultation.Tests.Pages.Respond;

using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Consultation.Tests.Support;
using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using static Consultation.Tests.Support.TestConsultations;

/// <summary>A draft holds files up to a total (Respondents:UploadQuotaMegabytes): beyond it, an upload is refused in words, and nothing else is lost.</summary>
public sealed class UploadQuotaTests
{
    [Fact]
    public async Task AnUploadBeyondTheDraftsQuota_IsRefusedNextToItsQuestion_InTheRespondentsLanguage_AndTheOtherAnswersAreKept()
    {
        await using var app = AppFactory.With(new Dictionary<string, string?> { ["Respondents:UploadQuotaMegabytes"] = "1" });
        var consultation = await app.UploadsAsync();
        var client = app.Respondent("fr-FR");
        var first = await client.AutosaveWithFilesAsync(await client.GetPageAsync($"/c/{consultation.Slug}/answer"), null,
            new Dictionary<string, (string, byte[])> { ["a.paper"] = ("paper.pdf", Pdf(700 * 1024)) });
        var path = first.Headers.GetValues("X-Resume-Path").Single();
        var paper = Assert.Single(await app.FileIdsAsync(consultation.Id));

        var response = await client.SubmitWithFilesAsync(await client.GetPageAsync(path), new Dictionary<string, string[]> { ["comments"] = ["Mes remarques"] },
            new Dictionary<string, (string, byte[])> { ["a.annex"] = ("annex.pdf", Pdf(400 * 1024)) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var again = await Html.ParseAsync(response);
        Assert.Contains(Localized.Text("fr", AnswerReader.Messages.FileQuota, 1), again.Text("#error-annex"), StringComparison.Ordinal);
        Assert.Equal("#q-annex", again.QuerySelector(".error-summary a")!.GetAttribute("href"));
        Assert.Equal("Mes remarques", again.QuerySelector<IHtmlTextAreaElement>("[name='a.comments']")!.Value);
        Assert.Equal(paper.ToString(), again.QuerySelector<IHtmlInputElement>("input[type=hidden][name='a.paper.file']")!.Value);
        Assert.Equal([paper], await app.FileIdsAsync(consultation.Id));
        var draft = await app.WithDbAsync(db => db.Responses.AsNoTracking().SingleAsync(r => r.ConsultationId == consultation.Id));
        Assert.Equal(["Mes remarques"], draft.Fields["a.comments"]);
        Assert.Null(AnswerFields.FileId(draft.Fields, "annex"));

        // Replacing the kept file with one that fits counts the new file instead of the old one.
        var replaced = await client.AutosaveWithFilesAsync(await client.GetPageAsync(path), null,
            new Dictionary<string, (string, byte[])> { ["a.paper"] = ("smaller.pdf", Pdf(900 * 1024)) });
        Assert.Equal(HttpStatusCode.NoContent, replaced.StatusCode);
        Assert.Equal(900 * 1024, (await app.FileContentAsync(Assert.Single(await app.FileIdsAsync(consultation.Id)))).Length);
    }
}
