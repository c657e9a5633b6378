namespace Consultation.Tests.Pages.Respond;

using System.Net;
using AngleSharp.Html.Dom;
using Consultation.Tests.Support;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Infrastructure;
using Consultation.Web.Pages.Organise;
using Consultation.Web.Pages.Respond;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Consultation.Tests.Support.TestConsultations;

/// <summary>
/// A first visit's answer page comes from memory (BlankPageCache), with the consultation read at most a second ago
/// (ConsultationStateCache): never another person's token or key, never an old text, never a closed consultation's form.
/// </summary>
public sealed class BlankPageCacheTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string TokenField = "__RequestVerificationToken";

    private BlankPageCache Pages => app.Services.GetRequiredService<BlankPageCache>();

    [Fact]
    public async Task ASecondVisitor_GetsThePageFromMemory_ExactlyAsRendered_WithTheirOwnTokenKeyAndCookie()
    {
        var consultation = await app.EveryTypeAsync();
        var path = $"/c/{consultation.Slug}/answer";

        var served = Pages.Served;
        var (firstHtml, first) = await OpenAsync(app.Respondent(), path);
        Assert.Equal(served, Pages.Served);
        var (secondHtml, second) = await OpenAsync(app.Respondent(), path);
        Assert.Equal(served + 1, Pages.Served);

        Assert.NotEqual(first.Token, second.Token);
        Assert.NotNull(first.AntiforgeryCookie);
        Assert.NotNull(second.AntiforgeryCookie);
        Assert.NotEqual(first.AntiforgeryCookie, second.AntiforgeryCookie);
        // The same markup byte for byte, but for the request's own antiforgery token.
        Assert.Equal(firstHtml.Replace(first.Token, "TOKEN", StringComparison.Ordinal), secondHtml.Replace(second.Token, "TOKEN", StringComparison.Ordinal));
        Assert.Equal(first.Headers, second.Headers);
    }

    [Fact]
    public async Task EveryServedPage_CarriesItsOwnToken_ThatValidatesOnPost_AndNobodyElses()
    {
        var consultation = await app.EveryTypeAsync();
        var path = $"/c/{consultation.Slug}/answer";
        await app.Respondent().GetPageAsync(path);

        var alice = app.Respondent();
        var bob = app.Respondent();
        var alicePage = await alice.GetPageAsync(path);
        var bobPage = await bob.GetPageAsync(path);

        // Bob's page posted with Alice's cookie: the token is not hers, so nothing is stored and she is asked again.
        var crossed = await alice.SubmitWithFilesAsync(bobPage, EveryTypeAnswers(), new Dictionary<string, (string, byte[])>());
        Assert.Equal(HttpStatusCode.OK, crossed.StatusCode);
        Assert.Contains("Your session had expired", (await Html.ParseAsync(crossed)).Body!.TextContent, StringComparison.Ordinal);

        foreach (var (client, page) in new[] { (alice, alicePage), (bob, bobPage) })
            await ResponseAssert.RedirectsTo($"/c/{consultation.Slug}/thank-you",
                await client.CompleteWithFilesAsync(page, EveryTypeAnswers(), new Dictionary<string, (string, byte[])>()));
        var submitted = await app.WithDbAsync(db => db.Responses.Where(r => r.ConsultationId == consultation.Id).Select(r => r.Status).ToListAsync());
        Assert.Equal([ResponseStatus.Submitted, ResponseStatus.Submitted], submitted);
    }

    [Fact]
    public async Task TwoLanguages_EachGetTheirOwnPage_FromTheBrowserOrAChoice()
    {
        var consultation = await app.EveryTypeAsync();
        var path = $"/c/{consultation.Slug}/answer";

        for (var visit = 0; visit < 2; visit++)
        {
            var english = await app.Respondent("en-GB").GetPageAsync(path);
            var french = await app.Respondent("fr-FR").GetPageAsync(path);
            var chosen = await app.Respondent("en-GB").GetPageAsync(path + "?lang=fr");
            Assert.Equal("en", english.DocumentElement.GetAttribute("lang"));
            Assert.Equal("Every kind of question", english.Text("h1"));
            Assert.Equal(",", french.QuerySelector("#answer-form")!.GetAttribute("data-decimal-separator"));
            foreach (var page in new[] { french, chosen })
            {
                Assert.Equal("fr", page.DocumentElement.GetAttribute("lang"));
                Assert.Equal("Toutes les sortes de questions", page.Text("h1"));
            }
        }
    }

    [Fact]
    public async Task APersonalLink_GetsItsOwnPage_WithItsOwnAction_AndARevokedOneIsRefusedAtOnce()
    {
        var token = await app.NewInvitationAsync("en");
        var path = $"/r/{token}/answer";
        await app.Respondent().GetPageAsync(path);
        var served = Pages.Served;
        var page = await app.Respondent().GetPageAsync(path);

        Assert.Equal(served + 1, Pages.Served);
        Assert.Equal($"{path}/1", page.QuerySelector("#answer-form")!.GetAttribute("action"));
        Assert.All(page.QuerySelectorAll(".language-switcher a"), a => Assert.StartsWith(path + "?lang=", a.GetAttribute("href"), StringComparison.Ordinal));

        var hash = InvitationToken.Hash(token)!;
        await app.WithDbAsync(async db =>
        {
            (await db.Invitations.SingleAsync(i => i.Links.Any(l => l.TokenHash == hash))).Revoke(app.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        });
        var revoked = await app.Respondent().GetAsync(path);
        Assert.Equal(HttpStatusCode.Gone, revoked.StatusCode);
        Assert.Null((await Html.ParseAsync(revoked)).QuerySelector("#answer-form"));
    }

    [Fact]
    public async Task AFixedText_PublishedAfterThePageWasKept_ShowsAtOnce()
    {
        var consultation = await app.EveryTypeAsync();
        var path = $"/c/{consultation.Slug}/answer";
        await app.Respondent().GetPageAsync(path);
        Assert.Equal("Every kind of question", (await app.Respondent().GetPageAsync(path)).Text("h1"));

        await app.WithDbAsync(async db =>
        {
            var working = (await QuestionnaireLoader.LoadAsync(db, consultation.Id, CancellationToken.None))!;
            var latest = (await db.QuestionnaireVersions.LatestAsync(consultation.Id, CancellationToken.None))!;
            working.SetText(ElementKey.Consultation, TextField.Title, "en", "Every kind of question, corrected");
            Assert.NotNull(working.PublishTextChanges(latest, app.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        });

        Assert.Equal("Every kind of question, corrected", (await app.Respondent().GetPageAsync(path)).Text("h1"));
    }

    [Fact]
    public async Task AConsultationClosedHere_IsNeverServedItsKeptPage()
    {
        var consultation = await app.EveryTypeAsync();
        var path = $"/c/{consultation.Slug}/answer";
        await app.Respondent().GetPageAsync(path);
        await app.Respondent().GetPageAsync(path);

        await app.WithDbAsync(async db =>
        {
            (await db.Consultations.SingleAsync(c => c.Id == consultation.Id)).Close(app.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        });

        var closed = await app.Respondent().GetAsync(path);
        Assert.Equal(HttpStatusCode.Gone, closed.StatusCode);
        Assert.Null((await Html.ParseAsync(closed)).QuerySelector("#answer-form"));
    }

    [Fact]
    public async Task AConsultationClosedElsewhere_IsRefusedWithinASecond_AndAFormServedMeanwhileStoresNothing()
    {
        var consultation = await app.EveryTypeAsync();
        var path = $"/c/{consultation.Slug}/answer";
        await app.Respondent().GetPageAsync(path);
        var client = app.Respondent();

        // Another node (or anything but this app's contexts) closes it: this node does not hear of it.
        await app.WithDbAsync(db => db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE consultations SET status = {ConsultationStatus.Closed.ToString()} WHERE id = {consultation.Id}"));
        var stale = await client.GetPageAsync(path);
        Assert.NotNull(stale.QuerySelector("#answer-form"));

        // Its answers are refused: a POST always reads the consultation afresh.
        var posted = await client.SubmitWithFilesAsync(stale, EveryTypeAnswers(), new Dictionary<string, (string, byte[])>());
        Assert.Equal(HttpStatusCode.Gone, posted.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Responses.AnyAsync(r => r.ConsultationId == consultation.Id)));

        app.Clock.Advance(ConsultationStateCache.MaxAge);
        Assert.Equal(HttpStatusCode.Gone, (await app.Respondent().GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task APageShowingSomeonesAnswersOrErrors_IsNeverKept()
    {
        var consultation = await app.EveryTypeAsync();
        var path = $"/c/{consultation.Slug}/answer";
        var typist = app.Respondent();
        var answers = EveryTypeAnswers();
        answers[Codes.Organisation] = ["Typed by the first person"];
        answers["a.meeting_date.day"] = ["31"];
        answers["a.meeting_date.month"] = ["2"];

        var refused = await typist.SubmitWithFilesAsync(await typist.GetPageAsync(path), answers, new Dictionary<string, (string, byte[])>());
        var refusedHtml = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Typed by the first person", refusedHtml, StringComparison.Ordinal);
        Assert.Contains("error-summary", refusedHtml, StringComparison.Ordinal);

        foreach (var visitor in new[] { app.Respondent(), app.Respondent() })
        {
            var html = await visitor.GetStringAsync(path);
            Assert.DoesNotContain("Typed by the first person", html, StringComparison.Ordinal);
            Assert.DoesNotContain("error-summary", html, StringComparison.Ordinal);
        }
    }

    private sealed record Issued(string Token, string? AntiforgeryCookie, string Headers);

    private static async Task<(string Html, Issued Issued)> OpenAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var page = await Html.ParseAsync(response);
        var cookie = response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.FirstOrDefault(c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal)) : null;
        var headers = string.Join("\n", response.Headers.Concat(response.Content.Headers)
            .Where(h => h.Key is not ("Date" or "Set-Cookie"))
            .OrderBy(h => h.Key, StringComparer.Ordinal)
            .Select(h => $"{h.Key}: {string.Join(", ", h.Value)}"));
        return (html, new Issued(page.QuerySelector($"input[name={TokenField}]")!.GetAttribute("value")!, cookie, headers));
    }
}
