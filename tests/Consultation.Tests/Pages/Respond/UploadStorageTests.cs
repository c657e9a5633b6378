namespace Consultation.Tests.Pages.Respond;

using System.Net;
using AngleSharp.Html.Dom;
using Consultation.Tests.Support;
using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using static Consultation.Tests.Support.TestConsultations;

/// <summary>
/// A draft keeps one file per upload question: a file replaced or removed is deleted with the save that drops it, unless a
/// submitted revision still names it (issue 14, finding 3).
/// </summary>
public sealed class UploadStorageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static Dictionary<string, (string, byte[])> Paper(byte[] content, string name = "paper.pdf") => new() { ["a.paper"] = (name, content) };

    /// <summary>The first autosave of a public link: returns the draft's page address (under its resume link).</summary>
    private static async Task<string> StartDraftAsync(HttpClient client, Consultation consultation, byte[] content)
    {
        var page = await client.GetPageAsync($"/c/{consultation.Slug}/answer");
        var saved = await client.AutosaveWithFilesAsync(page, null, Paper(content));
        Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);
        return saved.Headers.GetValues("X-Resume-Path").Single();
    }

    private Task<Response> DraftAsync(Guid consultationId) =>
        app.WithDbAsync(db => db.Responses.AsNoTracking().SingleAsync(r => r.ConsultationId == consultationId));

    [Fact]
    public async Task FiveAutosavesReplacingAFiveMegabyteFile_OnAnAnonymousDraft_LeaveOneFile()
    {
        var consultation = await app.UploadsAsync(anonymous: true);
        var client = app.Respondent();
        var path = await StartDraftAsync(client, consultation, Pdf(5 * 1024 * 1024));

        for (var i = 0; i < 4; i++)
        {
            var saved = await client.AutosaveWithFilesAsync(await client.GetPageAsync(path), null, Paper(Pdf(5 * 1024 * 1024 - i)));
            Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);
        }

        var files = await app.FileIdsAsync(consultation.Id);
        var kept = Assert.Single(files);
        Assert.Equal(kept, AnswerFields.FileId((await DraftAsync(consultation.Id)).Fields, "paper"));
        Assert.Equal(5 * 1024 * 1024 - 3, (await app.FileContentAsync(kept)).Length);
    }

    [Fact]
    public async Task ANewUpload_DeletesTheFileItReplaces_AndRemovingTheFileDeletesIt()
    {
        var consultation = await app.UploadsAsync();
        var client = app.Respondent();
        var path = await StartDraftAsync(client, consultation, Pdf(700));
        var first = Assert.Single(await app.FileIdsAsync(consultation.Id));

        var replaced = await client.SubmitWithFilesAsync(await client.GetPageAsync(path), null, Paper(Pdf(800), "second.pdf"));

        Assert.Equal(HttpStatusCode.Redirect, replaced.StatusCode);
        var second = Assert.Single(await app.FileIdsAsync(consultation.Id));
        Assert.NotEqual(first, second);
        Assert.Equal(Pdf(800), await app.FileContentAsync(second));

        // Without the kept file's hidden field and without a new file, the question has no file any more.
        var removed = await client.SubmitWithFilesAsync(await client.GetPageAsync(path), new Dictionary<string, string[]> { ["a.paper.file"] = [] },
            new Dictionary<string, (string, byte[])>());

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Empty(await app.FileIdsAsync(consultation.Id));
        Assert.Null(AnswerFields.FileId((await DraftAsync(consultation.Id)).Fields, "paper"));
    }

    [Fact]
    public async Task ReplacingASubmittedFile_KeepsIt_ForTheSubmittedAnswers_ButNotTheDraftsInBetween()
    {
        var consultation = await app.UploadsAsync();
        var client = app.Respondent();
        var path = await StartDraftAsync(client, consultation, Pdf(700));
        var submittedFile = Assert.Single(await app.FileIdsAsync(consultation.Id));
        await ResponseAssert.RedirectsTo($"/c/{consultation.Slug}/thank-you", await client.CompleteAsync(await client.GetPageAsync(path)));
        Assert.Equal(submittedFile, (await DraftAsync(consultation.Id)).Answers.File("paper")!.Id);

        await client.AutosaveWithFilesAsync(await client.GetPageAsync(path), null, Paper(Pdf(800)));
        var inBetween = Assert.Single(await app.FileIdsAsync(consultation.Id), id => id != submittedFile);
        await client.AutosaveWithFilesAsync(await client.GetPageAsync(path), null, Paper(Pdf(900)));

        var files = await app.FileIdsAsync(consultation.Id);
        Assert.Equal(2, files.Count);
        Assert.Contains(submittedFile, files);
        Assert.DoesNotContain(inBetween, files);
        Assert.Equal(Pdf(700), await app.FileContentAsync(submittedFile));
    }
}
