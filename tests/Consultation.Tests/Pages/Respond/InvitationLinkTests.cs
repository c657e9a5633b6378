namespace Consultation.Tests.Pages.Respond;

using System.Collections.Concurrent;
using System.Net;
using Consultation.Tests.Support;
using Consultation.Web.Domain;
using Consultation.Web.Jobs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

/// <summary>
/// Personal links that can be sent again (ADR 0018): a named invitation's one derived link, an anonymous invitation's
/// fresh links, one response per invitation across all of them, revocation, and no token in the logs.
/// </summary>
public sealed class InvitationLinkTests(InvitationLinkTests.LoggedApp app) : IClassFixture<InvitationLinkTests.LoggedApp>
{
    private const string AnsweredElsewhere =
        "Answers to this invitation have already been submitted through another of its links. Only one response is kept per invitation, so these answers were not submitted.";

    [Fact]
    public async Task ANamedInvitationsLink_IsDerivedTheSameEachTime_AndOpensTheQuestionnaire()
    {
        var invited = await app.InviteAsync(anonymous: false);

        Assert.Equal(invited.Link, await app.LinkForAsync(invited.InvitationId));
        Assert.Equal(invited.Link, await app.LinkForAsync(invited.InvitationId));
        var link = Assert.Single(await app.WithDbAsync(db => db.Invitations.AsNoTracking().Where(i => i.Id == invited.InvitationId).SelectMany(i => i.Links).ToListAsync()));
        Assert.Equal(AppFactory.LinkKeyId, link.KeyId);
        Assert.Equal(InvitationToken.Hash(invited.Path["/r/".Length..]), link.TokenHash);
        var page = await app.Respondent().GetPageAsync($"{invited.Path}/answer");
        Assert.NotNull(page.QuerySelector("#answer-form"));
    }

    [Fact]
    public async Task AnAnonymousInvitation_HasNoLinkToSendAgain_ButAFreshLinkOpens_AndTheOldOneStillDoes()
    {
        var invited = await app.InviteAsync(anonymous: true);
        Assert.Null(await app.LinkForAsync(invited.InvitationId));

        var fresh = await app.FreshLinkAsync(invited.InvitationId);

        Assert.NotEqual(invited.Path, fresh);
        foreach (var path in new[] { invited.Path, fresh })
            Assert.NotNull((await app.Respondent().GetPageAsync($"{path}/answer")).QuerySelector("#answer-form"));
        var links = await app.WithDbAsync(db => db.Invitations.AsNoTracking().Where(i => i.Id == invited.InvitationId).SelectMany(i => i.Links).ToListAsync());
        Assert.Equal(2, links.Count);
        Assert.All(links, l => Assert.Null(l.KeyId));
    }

    [Fact]
    public async Task AfterSubmittingThroughOneLink_SubmittingThroughTheOther_IsRefusedInTheReadersLanguage_BeforeAndAfterTheInvitationIsCompleted()
    {
        var invited = await app.InviteAsync(anonymous: true, language: "fr");
        var fresh = await app.FreshLinkAsync(invited.InvitationId);
        var first = app.Respondent();
        var second = app.Respondent();
        var firstReview = await first.ReviewPageAsync(await first.GetPageAsync($"{invited.Path}/answer"), new Dictionary<string, string[]> { ["view"] = ["Through the first link"] });
        var secondReview = await second.ReviewPageAsync(await second.GetPageAsync($"{fresh}/answer"), new Dictionary<string, string[]> { ["view"] = ["Through the second link"] });

        await ResponseAssert.RedirectsTo($"{invited.Path}/thank-you", await first.SubmitAsync(firstReview, formSelector: "#review-form"));
        // The completion is pending: the second link's submit is refused, saying why, and its draft is kept.
        await AssertRefusedAsync(await second.SubmitAsync(secondReview, formSelector: "#review-form"));
        await CompleteInvitationsAsync();
        // Completed: refused again, whether the form is posted anew or the review is opened first.
        await AssertRefusedAsync(await second.SubmitAsync(secondReview, formSelector: "#review-form"));
        var reviewAgain = await second.GetPageAsync($"{fresh}/review");
        Assert.Contains(Localized.Text("fr", AnsweredElsewhere), reviewAgain.Body!.TextContent, StringComparison.Ordinal);

        var responses = await app.WithDbAsync(db => db.Responses.AsNoTracking().Where(r => r.ConsultationId == invited.ConsultationId).ToListAsync());
        Assert.Equal("Through the first link", Assert.Single(responses, r => r.IsSubmitted).Answers.Text("view"));
        Assert.Equal(["Through the second link"], Assert.Single(responses, r => !r.IsSubmitted).Fields["a.view"]);
        Assert.Equal(InvitationStatus.Completed, await app.WithDbAsync(db => db.Invitations.Where(i => i.Id == invited.InvitationId).Select(i => i.Status).SingleAsync()));
        // The first link still opens its own response, to change it until the deadline.
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync($"{invited.Path}/review")).StatusCode);
    }

    [Fact]
    public async Task TwoLinksOfAnAnonymousInvitation_SubmittingTogether_MakeOneResponse_AndTheOtherIsToldWhy()
    {
        var invited = await app.InviteAsync(anonymous: true);
        var fresh = await app.FreshLinkAsync(invited.InvitationId);
        var first = app.Respondent();
        var second = app.Respondent();
        var firstReview = await first.ReviewPageAsync(await first.GetPageAsync($"{invited.Path}/answer"), new Dictionary<string, string[]> { ["view"] = ["One"] });
        var secondReview = await second.ReviewPageAsync(await second.GetPageAsync($"{fresh}/answer"), new Dictionary<string, string[]> { ["view"] = ["Two"] });

        var submits = await Task.WhenAll(first.SubmitAsync(firstReview, formSelector: "#review-form"), second.SubmitAsync(secondReview, formSelector: "#review-form"));

        Assert.Single(submits, s => s.StatusCode == HttpStatusCode.Redirect);
        var refused = Assert.Single(submits, s => s.StatusCode == HttpStatusCode.OK);
        Assert.Contains(Localized.Text("en", AnsweredElsewhere), (await Html.ParseAsync(refused)).Body!.TextContent, StringComparison.Ordinal);
        Assert.Single(await app.WithDbAsync(db => db.Responses.AsNoTracking().Where(r => r.ConsultationId == invited.ConsultationId && r.Status == ResponseStatus.Submitted).ToListAsync()));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ARevokedInvitation_OpensThroughNoneOfItsLinks(bool anonymous)
    {
        var invited = await app.InviteAsync(anonymous);
        var other = anonymous ? await app.FreshLinkAsync(invited.InvitationId) : new Uri((await app.LinkForAsync(invited.InvitationId))!).AbsolutePath;

        await app.RevokeAsync(invited.InvitationId);

        foreach (var path in new[] { invited.Path, other, $"{invited.Path}/answer", $"{other}/answer" })
        {
            var response = await app.Respondent().GetAsync(path);
            Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
            Assert.Equal(Localized.Text("en", "This invitation has been withdrawn"), (await Html.ParseAsync(response)).Text("h1"));
        }
    }

    [Fact]
    public async Task NoTokenAppearsInTheLogs()
    {
        var named = await app.InviteAsync(anonymous: false);
        var anonymous = await app.InviteAsync(anonymous: true);
        var fresh = await app.FreshLinkAsync(anonymous.InvitationId);
        var unknown = $"/r/{InvitationToken.New()}";
        app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Consultation.Tests").LogInformation("Links walked from here");

        var respondent = app.Respondent();
        await respondent.CompleteAsync(await respondent.GetPageAsync($"{named.Path}/answer"), new Dictionary<string, string[]> { ["view"] = ["Named"] });
        await respondent.CompleteAsync(await respondent.GetPageAsync($"{anonymous.Path}/answer"), new Dictionary<string, string[]> { ["view"] = ["Anonymous"] });
        var refused = app.Respondent();
        await refused.CompleteAsync(await refused.GetPageAsync($"{fresh}/answer"), new Dictionary<string, string[]> { ["view"] = ["Twice"] });
        await CompleteInvitationsAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await app.Respondent().GetAsync(unknown)).StatusCode);
        await app.RevokeAsync((await app.InviteAsync(anonymous: false)).InvitationId);

        var lines = app.LogLines.ToList();
        // The capture sees what the app's logging settings let through.
        Assert.Contains(lines, l => l.Contains("Links walked from here", StringComparison.Ordinal));
        foreach (var token in new[] { named.Path, anonymous.Path, fresh, unknown }.Select(p => p["/r/".Length..]))
            Assert.DoesNotContain(lines, l => l.Contains(token, StringComparison.Ordinal));
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage submitted)
    {
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        var page = await Html.ParseAsync(submitted);
        Assert.Contains(Localized.Text("fr", AnsweredElsewhere), page.Body!.TextContent, StringComparison.Ordinal);
    }

    private async Task CompleteInvitationsAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CompleteInvitationsJob>().RunAsync(CancellationToken.None);
    }

    /// <summary>The app with every log line it writes kept, as its logging settings let them through.</summary>
    public sealed class LoggedApp : AppFactory
    {
        public ConcurrentQueue<string> LogLines { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(new Capture(LogLines)));
        }

        private sealed class Capture(ConcurrentQueue<string> lines) : ILoggerProvider
        {
            public ILogger CreateLogger(string categoryName) => new Line(categoryName, lines);

            public void Dispose()
            {
            }
        }

        private sealed class Line(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
                lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {values} {exception}");
            }
        }
    }
}
