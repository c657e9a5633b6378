namespace Consultation.Tests.Pages.Respond;

using System.Data.Common;
using Consultation.Tests.Support;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Infrastructure;
using Consultation.Web.Pages.Organise;
using Consultation.Web.Pages.Respond;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

/// <summary>Respondent pages keep published versions in memory, and still show a newly published one at once.</summary>
public sealed class QuestionnaireCacheTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task AFixedText_PublishedWhilePeopleAnswer_IsShownOnTheirNextPage()
    {
        var consultation = await app.EveryTypeAsync();
        var client = app.Respondent();
        Assert.Equal("Every kind of question", (await client.GetPageAsync($"/c/{consultation.Slug}/answer")).Text("h1"));

        await app.WithDbAsync(async db =>
        {
            var working = (await QuestionnaireLoader.LoadAsync(db, consultation.Id, CancellationToken.None))!;
            var latest = (await db.QuestionnaireVersions.LatestAsync(consultation.Id, CancellationToken.None))!;
            working.SetText(ElementKey.Consultation, TextField.Title, "en", "Every kind of question, corrected");
            Assert.NotNull(working.PublishTextChanges(latest, app.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        });

        Assert.Equal("Every kind of question, corrected", (await client.GetPageAsync($"/c/{consultation.Slug}/answer")).Text("h1"));
        Assert.Equal("Every kind of question, corrected", (await app.Respondent().GetPageAsync($"/c/{consultation.Slug}")).Text("h1"));
    }

    [Fact]
    public async Task TheSameLink_OpenedTwice_AnswersTheSameVersionInstance()
    {
        var consultation = await app.EveryTypeAsync();

        var first = await OpenAsync(consultation.Slug);
        var second = await OpenAsync(consultation.Slug);

        Assert.NotNull(first.Link);
        Assert.Same(first.Link.Version, second.Link!.Version);
        Assert.True(app.Services.GetRequiredService<QuestionnaireCache>().Holds(first.Link.Version.Id));
    }

    [Fact]
    public async Task AVersion_AskedForTwice_IsReadFromTheDatabaseOnce()
    {
        var consultation = await app.EveryTypeAsync();
        var versionId = await app.WithDbAsync(async db => (await db.QuestionnaireVersions.LatestAsync(consultation.Id, CancellationToken.None))!.Id);
        var commands = new CommandCounter();
        var options = new DbContextOptionsBuilder<ConsultationDbContext>()
            .UseNpgsql(app.ConnectionString).UseSnakeCaseNamingConvention().AddInterceptors(commands).Options;
        using var cache = new QuestionnaireCache();

        await using var db = new ConsultationDbContext(options);
        var first = await cache.GetAsync(db, versionId, CancellationToken.None);
        var second = await cache.GetAsync(db, versionId, CancellationToken.None);

        Assert.NotNull(first);
        Assert.Same(first, second);
        Assert.Equal(1, commands.Count);
        // Shared by every request: it must belong to no context.
        Assert.Empty(db.ChangeTracker.Entries());
    }

    [Fact]
    public async Task AnUnknownVersion_IsNotCached()
    {
        await app.WithDbAsync(async db =>
        {
            using var cache = new QuestionnaireCache();
            var unknown = Guid.NewGuid();
            Assert.Null(await cache.GetAsync(db, unknown, CancellationToken.None));
            Assert.False(cache.Holds(unknown));
        });
    }

    /// <summary>Loads a public link as a page does, in a request's own scope.</summary>
    private async Task<(RespondentLink? Link, StatusReason? Problem)> OpenAsync(string slug)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RespondentLinks>().LoadAsync(slug, null, null, recentReadingWillDo: false, CancellationToken.None);
    }

    private sealed class CommandCounter : DbCommandInterceptor
    {
        public int Count;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Count);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
