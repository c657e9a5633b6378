namespace Consultation.Tests.Infrastructure;

using System.Net;
using Consultation.Tests.Support;
using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using static Consultation.Tests.Support.TestConsultations;

/// <summary>
/// Respondent uploads are limited per remote address (Respondents:UploadsPerHour): beyond the limit a request carrying a file
/// gets the 429 status page with a Retry-After, and writes nothing; requests without a file are not counted.
/// </summary>
public sealed class UploadRateLimitTests
{
    [Fact]
    public async Task AnUploadBeyondTheLimit_GetsTheLocalized429PageWithRetryAfter_AndWritesNothing_WhileAnswersWithoutAFileStillSave()
    {
        // Four an hour: a bucket of one upload, refilled every quarter of an hour.
        await using var app = AppFactory.With(new Dictionary<string, string?> { ["Respondents:UploadsPerHour"] = "4" });
        var consultation = await app.UploadsAsync();
        var client = app.Respondent("fr-FR");
        var first = await client.AutosaveWithFilesAsync(await client.GetPageAsync($"/c/{consultation.Slug}/answer"), null,
            new Dictionary<string, (string, byte[])> { ["a.paper"] = ("paper.pdf", Pdf(700)) });
        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        var path = first.Headers.GetValues("X-Resume-Path").Single();
        var paper = Assert.Single(await app.FileIdsAsync(consultation.Id));

        var refused = await client.SubmitWithFilesAsync(await client.GetPageAsync(path), new Dictionary<string, string[]> { ["comments"] = ["Refusé"] },
            new Dictionary<string, (string, byte[])> { ["a.annex"] = ("annex.pdf", Pdf(800)) });

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var wait = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(wait);
        Assert.InRange(wait.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(15));
        var status = await Html.ParseAsync(refused);
        Assert.Equal("fr", status.DocumentElement.GetAttribute("lang"));
        Assert.Contains(Localized.Text("fr", "Too many attempts"), status.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Equal([paper], await app.FileIdsAsync(consultation.Id));
        var draft = await app.WithDbAsync(db => db.Responses.AsNoTracking().SingleAsync(r => r.ConsultationId == consultation.Id));
        Assert.Equal([""], draft.Fields["a.comments"]);

        // The same form without a file is not an upload: it saves.
        var saved = await client.SubmitWithFilesAsync(await client.GetPageAsync(path), new Dictionary<string, string[]> { ["comments"] = ["Accepté"] },
            new Dictionary<string, (string, byte[])>());
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        draft = await app.WithDbAsync(db => db.Responses.AsNoTracking().SingleAsync(r => r.ConsultationId == consultation.Id));
        Assert.Equal(["Accepté"], draft.Fields["a.comments"]);
        Assert.Equal(paper, AnswerFields.FileId(draft.Fields, "paper"));
    }

    [Fact]
    public async Task WithTheLimitSetToZero_UploadsAreNotLimited()
    {
        await using var app = AppFactory.With(new Dictionary<string, string?> { ["Respondents:UploadsPerHour"] = "0" });
        var consultation = await app.UploadsAsync();
        var client = app.Respondent();
        var first = await client.AutosaveWithFilesAsync(await client.GetPageAsync($"/c/{consultation.Slug}/answer"), null,
            new Dictionary<string, (string, byte[])> { ["a.paper"] = ("paper.pdf", Pdf(700)) });
        var path = first.Headers.GetValues("X-Resume-Path").Single();

        for (var i = 0; i < 5; i++)
        {
            var saved = await client.AutosaveWithFilesAsync(await client.GetPageAsync(path), null,
                new Dictionary<string, (string, byte[])> { ["a.annex"] = ("annex.pdf", Pdf(800 + i)) });
            Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);
        }
    }
}
