namespace Consultation.Tests.Jobs;

using System.Net;
using Consultation.Tests.Support;
using Consultation.Web.Domain;
using Consultation.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Consultation.Tests.Support.TestConsultations;

/// <summary>
/// Some days after a consultation closes (Respondents:KeepDraftsDays, 30 by default), drafts never submitted and files no
/// submitted answer names are deleted; an open consultation's are never touched.
/// </summary>
public sealed class PurgeAbandonedUploadsJobTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task RunJobAsync(TimeSpan after, int batchSize = 500)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var job = ActivatorUtilities.CreateInstance<PurgeAbandonedUploadsJob>(scope.ServiceProvider, (TimeProvider)new FakeTimeProvider(app.Clock.GetUtcNow() + after));
        job.BatchSize = batchSize;
        await job.RunAsync(CancellationToken.None);
    }

    private static Dictionary<string, (string, byte[])> Paper(int size) => new() { ["a.paper"] = ("paper.pdf", Pdf(size)) };

    /// <summary>A public-link draft holding one file; returns its page address.</summary>
    private async Task<string> DraftWithFileAsync(Consultation consultation, int size = 700)
    {
        var client = app.Respondent();
        var saved = await client.AutosaveWithFilesAsync(await client.GetPageAsync($"/c/{consultation.Slug}/answer"), null, Paper(size));
        Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);
        return saved.Headers.GetValues("X-Resume-Path").Single();
    }

    private Task CloseAsync(Guid consultationId) => app.WithDbAsync(async db =>
    {
        (await db.Consultations.SingleAsync(c => c.Id == consultationId)).Close(app.Clock.GetUtcNow());
        await db.SaveChangesAsync();
    });

    private Task<List<Response>> ResponsesOfAsync(Guid consultationId) =>
        app.WithDbAsync(db => db.Responses.AsNoTracking().Where(r => r.ConsultationId == consultationId).ToListAsync());

    [Fact]
    public async Task AMonthAfterClosing_DraftsAndUnsubmittedFilesGo_SubmittedAnswersAndTheirFilesStay_AndASecondRunChangesNothing()
    {
        var consultation = await app.UploadsAsync();
        await DraftWithFileAsync(consultation);
        await DraftWithFileAsync(consultation);
        await DraftWithFileAsync(consultation);
        var client = app.Respondent();
        var submittedPath = await DraftWithFileAsync(consultation, 900);
        await ResponseAssert.RedirectsTo($"/c/{consultation.Slug}/thank-you", await client.CompleteAsync(await client.GetPageAsync(submittedPath)));
        var submitted = Assert.Single(await ResponsesOfAsync(consultation.Id), r => r.IsSubmitted);
        var submittedFile = submitted.Answers.File("paper")!.Id;
        // A change started after submitting and never submitted: its new file is nobody's position.
        await client.AutosaveWithFilesAsync(await client.GetPageAsync(submittedPath), null, Paper(1000));
        Assert.Equal(5, (await app.FileIdsAsync(consultation.Id)).Count);
        await CloseAsync(consultation.Id);

        await RunJobAsync(TimeSpan.FromDays(29));
        Assert.Equal(4, (await ResponsesOfAsync(consultation.Id)).Count);
        Assert.Equal(5, (await app.FileIdsAsync(consultation.Id)).Count);

        await RunJobAsync(TimeSpan.FromDays(31), batchSize: 2);
        await RunJobAsync(TimeSpan.FromDays(31), batchSize: 2);

        var left = Assert.Single(await ResponsesOfAsync(consultation.Id));
        Assert.Equal(submitted.Id, left.Id);
        Assert.Equal(ResponseStatus.Submitted, left.Status);
        Assert.Equal([submittedFile], await app.FileIdsAsync(consultation.Id));
        Assert.Equal(Pdf(900), await app.FileContentAsync(submittedFile));
    }

    [Fact]
    public async Task AnOpenConsultationsDraftsAndFiles_AreNeverTouched_EvenPastItsClosingTime()
    {
        var open = await app.UploadsAsync();
        await DraftWithFileAsync(open);
        var scheduled = await app.JourneyAsync(opensIn: TimeSpan.FromDays(1));

        // Forty days on, the closing time has passed but nothing has closed the consultation yet: people may still be answering.
        await RunJobAsync(TimeSpan.FromDays(40));

        Assert.Single(await ResponsesOfAsync(open.Id));
        Assert.Single(await app.FileIdsAsync(open.Id));
        Assert.NotEqual(Guid.Empty, scheduled.Consultation.Id);
    }

    [Fact]
    public async Task AFileKeptOnlyByAnEarlierSubmittedRevision_Stays()
    {
        var consultation = await app.UploadsAsync();
        var client = app.Respondent();
        var path = await DraftWithFileAsync(consultation, 700);
        await ResponseAssert.RedirectsTo($"/c/{consultation.Slug}/thank-you", await client.CompleteAsync(await client.GetPageAsync(path)));
        var firstFile = Assert.Single(await app.FileIdsAsync(consultation.Id));
        await client.AutosaveWithFilesAsync(await client.GetPageAsync(path), null, Paper(800));
        await ResponseAssert.RedirectsTo($"/c/{consultation.Slug}/thank-you", await client.CompleteAsync(await client.GetPageAsync(path)));
        await CloseAsync(consultation.Id);

        await RunJobAsync(TimeSpan.FromDays(31));

        var files = await app.FileIdsAsync(consultation.Id);
        Assert.Equal(2, files.Count);
        Assert.Contains(firstFile, files);
    }
}

/// <summary>The purge through a real Hangfire server, as its daily recurring job.</summary>
[Collection(JobServers.Name)]
public sealed class PurgeAbandonedUploadsJobServerTests
{
    [Fact]
    public async Task TheRecurringJob_PurgesAClosedConsultationsDraft_OnTheJobServer()
    {
        await using var app = AppFactory.With(new Dictionary<string, string?> { ["Jobs:Server"] = "true" });
        var consultation = await app.UploadsAsync();
        var client = app.Respondent();
        var saved = await client.AutosaveWithFilesAsync(await client.GetPageAsync($"/c/{consultation.Slug}/answer"), null,
            new Dictionary<string, (string, byte[])> { ["a.paper"] = ("paper.pdf", Pdf(700)) });
        Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);
        await app.WithDbAsync(async db =>
        {
            (await db.Consultations.SingleAsync(c => c.Id == consultation.Id)).Close(app.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        });
        app.Clock.Advance(TimeSpan.FromDays(PurgeAbandonedUploadsJob.DefaultKeepDraftsDays + 1));

        app.Services.GetRequiredService<Hangfire.IRecurringJobManager>().Trigger(RecurringJobs.PurgeAbandonedUploads);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await app.FileIdsAsync(consultation.Id)).Count > 0 && DateTime.UtcNow < deadline)
            await Task.Delay(200);
        Assert.Empty(await app.FileIdsAsync(consultation.Id));
        Assert.False(await app.WithDbAsync(db => db.Responses.AnyAsync(r => r.ConsultationId == consultation.Id)));
    }
}
