namespace Consultation.Tests.Pages.Respond;

using System.Net;
using System.Text.Json;
using Consultation.Tests.Support;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// In an anonymous consultation nothing stored can link a response to the person invited: every table (the outbox and
/// the job tables included) is read back as JSON and searched for anything that joins the two.
/// </summary>
public sealed class AnonymityTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task AnAnonymousResponse_FromAPersonalLink_ShareNoKeyAndNoTimeWithTheInvitation_InAnyTable()
    {
        var (slug, token, email) = await AnonymousConsultationWithAnInvitationAsync();
        var respondent = app.Respondent();
        var page = await respondent.GetPageAsync($"/r/{token}/answer");
        app.Clock.Advance(TimeSpan.FromMinutes(7));
        var sent = await respondent.CompleteWithFilesAsync(page, new Dictionary<string, string[]> { ["view"] = ["Keep the labs honest"] },
            new Dictionary<string, (string, byte[])> { ["a.paper"] = ("position.pdf", TestConsultations.Pdf()) });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        // The invitation is completed, and the receipt queued, by the next batch (see CompleteInvitationsJobTests).
        await CompleteInvitationsAsync();

        var (response, invitation, stakeholder, file) = await app.WithDbAsync(async db => (
            await db.Responses.AsNoTracking().SingleAsync(r => db.Consultations.Any(c => c.Id == r.ConsultationId && c.Slug == slug)),
            await db.Invitations.AsNoTracking().SingleAsync(i => db.Consultations.Any(c => c.Id == i.ConsultationId && c.Slug == slug)),
            await db.Stakeholders.AsNoTracking().SingleAsync(s => s.Email == email),
            await db.UploadedFiles.AsNoTracking().SingleAsync(f => db.Consultations.Any(c => c.Id == f.ConsultationId && c.Slug == slug))));

        // The invitation records only that it was opened and answered, never when.
        Assert.Equal(InvitationStatus.Completed, invitation.Status);
        Assert.Null(invitation.OpenedAt);
        Assert.Null(invitation.CompletedAt);
        Assert.Null(response.InvitationId);
        // Times on what the respondent left are to the day: none can be matched with the invitation's or an email's.
        foreach (var time in new[] { response.CreatedAt, response.SubmittedAt!.Value, file.UploadedOn })
            Assert.Equal(TimeSpan.Zero, time.UtcDateTime.TimeOfDay);

        string[] person = [invitation.Id.ToString(), stakeholder.Id.ToString(), email, stakeholder.Name, token, .. invitation.Links.Select(l => Convert.ToHexStringLower(l.TokenHash))];
        var answered = new[] { response.Id.ToString(), file.Id.ToString(), response.IdempotencyKey.ToString(), "Keep the labs honest" };
        var rows = await EveryRowAsync();
        Assert.Contains(rows, r => r.Table == "public.outbound_emails" && r.Json.Contains(email, StringComparison.Ordinal));
        var joining = rows.Where(r => person.Any(p => r.Json.Contains(p, StringComparison.OrdinalIgnoreCase))
            && answered.Any(a => r.Json.Contains(a, StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.True(joining.Count == 0, "Rows that name both the person and the response: " + string.Join("; ", joining.Select(r => r.Table)));

        // No stored time next to the person equals a time next to the response.
        var personTimes = rows.Where(r => person.Any(p => r.Json.Contains(p, StringComparison.OrdinalIgnoreCase))).SelectMany(r => Times(r.Json)).ToHashSet();
        var responseTimes = rows.Where(r => answered.Any(a => r.Json.Contains(a, StringComparison.OrdinalIgnoreCase))).SelectMany(r => Times(r.Json)).ToHashSet();
        Assert.Empty(personTimes.Intersect(responseTimes));
    }

    [Fact]
    public async Task AResponseThroughAFreshLink_SharesNoKeyWithTheInvitationOrAnyOfItsLinks_InAnyTable()
    {
        var invited = await app.InviteAsync(anonymous: true);
        var fresh = await app.FreshLinkAsync(invited.InvitationId);
        var respondent = app.Respondent();
        var sent = await respondent.CompleteAsync(await respondent.GetPageAsync($"{fresh}/answer"), new Dictionary<string, string[]> { ["view"] = ["Through a fresh link"] });
        await ResponseAssert.RedirectsTo($"{fresh}/thank-you", sent);
        await CompleteInvitationsAsync();

        var (response, invitation) = await app.WithDbAsync(async db => (
            await db.Responses.AsNoTracking().SingleAsync(r => r.ConsultationId == invited.ConsultationId),
            await db.Invitations.AsNoTracking().SingleAsync(i => i.Id == invited.InvitationId)));
        Assert.Equal(InvitationStatus.Completed, invitation.Status);
        Assert.Null(response.InvitationId);
        Assert.Equal(2, invitation.Links.Count);
        string[] person = [invitation.Id.ToString(), invitation.StakeholderId.ToString(), invited.Path["/r/".Length..], fresh["/r/".Length..],
            .. invitation.Links.Select(l => Convert.ToHexStringLower(l.TokenHash))];
        string[] answered = [response.Id.ToString(), response.IdempotencyKey.ToString(), Convert.ToHexStringLower(response.ResponsePointer!), "Through a fresh link"];
        var joining = (await EveryRowAsync()).Where(r => person.Any(p => r.Json.Contains(p, StringComparison.OrdinalIgnoreCase))
            && answered.Any(a => r.Json.Contains(a, StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.True(joining.Count == 0, "Rows that name both the invitation and the response: " + string.Join("; ", joining.Select(r => r.Table)));
    }

    [Fact]
    public async Task TwoTabsOfAnAnonymousPersonalLink_SubmittingTogether_MakeOneResponse_SubmittedOnce()
    {
        var (slug, token, _) = await AnonymousConsultationWithAnInvitationAsync();
        var first = app.Respondent();
        var second = app.Respondent();
        // Both tabs answer the same draft (found by the token alone: the response names no invitation) and reach its review.
        var firstReview = await first.ReviewPageAsync(await first.GetPageAsync($"/r/{token}/answer"), new Dictionary<string, string[]> { ["view"] = ["First tab"] });
        var secondReview = await second.ReviewPageAsync(await second.GetPageAsync($"/r/{token}/answer"), new Dictionary<string, string[]> { ["view"] = ["Second tab"] });

        var submits = await Task.WhenAll(first.SubmitAsync(firstReview, formSelector: "#review-form"), second.SubmitAsync(secondReview, formSelector: "#review-form"));

        foreach (var submit in submits)
            await ResponseAssert.RedirectsTo($"/r/{token}/thank-you", submit);
        var responses = await app.WithDbAsync(db => db.Responses.AsNoTracking().Where(r => db.Consultations.Any(c => c.Id == r.ConsultationId && c.Slug == slug)).ToListAsync());
        var response = Assert.Single(responses);
        Assert.Null(response.InvitationId);
        Assert.Equal(1, response.Revision);
        Assert.Equal("Second tab", response.Answers.Text("view"));
        Assert.Equal(1, await app.WithDbAsync(db => db.ResponseRevisions.CountAsync(r => r.ResponseId == response.Id)));
        await CompleteInvitationsAsync();
        Assert.Equal(InvitationStatus.Completed, await app.WithDbAsync(db => db.Invitations
            .Where(i => db.Consultations.Any(c => c.Id == i.ConsultationId && c.Slug == slug)).Select(i => i.Status).SingleAsync()));
    }

    [Fact]
    public async Task ANamedConsultation_StillLinksItsResponse_ToTheInvitation()
    {
        var (slug, token, _) = await AnonymousConsultationWithAnInvitationAsync(anonymous: false);
        var respondent = app.Respondent();
        var page = await respondent.GetPageAsync($"/r/{token}/answer");
        var sent = await respondent.CompleteWithFilesAsync(page, new Dictionary<string, string[]> { ["view"] = ["Named view"] },
            new Dictionary<string, (string, byte[])>());
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);

        var (response, invitation) = await app.WithDbAsync(async db => (
            await db.Responses.AsNoTracking().SingleAsync(r => db.Consultations.Any(c => c.Id == r.ConsultationId && c.Slug == slug)),
            await db.Invitations.AsNoTracking().SingleAsync(i => db.Consultations.Any(c => c.Id == i.ConsultationId && c.Slug == slug))));
        Assert.Equal(invitation.Id, response.InvitationId);
        var now = app.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        Assert.Equal(now, response.SubmittedAt!.Value.ToUnixTimeMilliseconds());
        Assert.Equal(now, invitation.CompletedAt!.Value.ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task APersonalLink_SpelledAnyOtherWay_IsNotFound_AndNeverStartsASecondResponse()
    {
        var (slug, token, _) = await AnonymousConsultationWithAnInvitationAsync();
        var respondent = app.Respondent();
        await respondent.CompleteAsync(await respondent.GetPageAsync($"/r/{token}/answer"), new Dictionary<string, string[]> { ["view"] = ["Mine"] });
        await CompleteInvitationsAsync();

        foreach (var spelling in new[] { token + "==", token + "%3D%3D", token + "%20", token + "%09", "%20" + token })
        {
            var other = app.Respondent();
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/r/{spelling}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/r/{spelling}/answer")).StatusCode);
        }
        var responses = await app.WithDbAsync(db => db.Responses.AsNoTracking().Where(r => db.Consultations.Any(c => c.Id == r.ConsultationId && c.Slug == slug)).ToListAsync());
        Assert.Equal("Mine", Assert.Single(responses).Answers.Text("view"));
    }

    [Fact]
    public async Task ASubmit_WhileTheInvitationsCompletionIsPendingFromAnotherLink_SaysSo_AndKeepsTheAnswers()
    {
        var (slug, token, _) = await AnonymousConsultationWithAnInvitationAsync();
        var respondent = app.Respondent();
        var review = await respondent.ReviewPageAsync(await respondent.GetPageAsync($"/r/{token}/answer"), new Dictionary<string, string[]> { ["view"] = ["Kept"] });
        // What a submit through another link of the invitation leaves behind (ADR 0018): its completion already pending.
        await app.WithDbAsync(async db =>
        {
            var invitation = await db.Invitations.SingleAsync(i => db.Consultations.Any(c => c.Id == i.ConsultationId && c.Slug == slug));
            db.PendingCompletions.Add(PendingCompletion.For(invitation, "en"));
            await db.SaveChangesAsync();
        });

        var submitted = await respondent.SubmitAsync(review, formSelector: "#review-form");

        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        var page = await Html.ParseAsync(submitted);
        Assert.Contains(Localized.Text("en", "Answers to this invitation have already been submitted through another of its links. Only one response is kept per invitation, so these answers were not submitted."),
            page.Body!.TextContent, StringComparison.Ordinal);
        var response = await app.ResponseAtAsync($"/r/{token}");
        Assert.Equal(ResponseStatus.InProgress, response!.Status);
        Assert.Equal(["Kept"], response.Fields["a.view"]);
    }

    private async Task CompleteInvitationsAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CompleteInvitationsJob>().RunAsync(CancellationToken.None);
    }

    /// <summary>Every row of every table the application and its job server use, as JSON text.</summary>
    private Task<List<(string Table, string Json)>> EveryRowAsync() => app.WithDbAsync(async db =>
    {
        var tables = await db.Database.SqlQueryRaw<string>("""
            SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) AS "Value" FROM information_schema.tables
            WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
            """).ToListAsync();
        Assert.Contains("hangfire.job", tables);
        var rows = new List<(string, string)>();
        foreach (var table in tables)
        {
#pragma warning disable EF1002 // The table names come from the catalogue, quoted by quote_ident.
            var json = await db.Database.SqlQueryRaw<string>($"SELECT row_to_json(t)::text AS \"Value\" FROM {table} t").ToListAsync();
#pragma warning restore EF1002
            rows.AddRange(json.Select(j => (table, j)));
        }
        return rows;
    });

    /// <summary>The timestamps in a row, to the second, as PostgreSQL writes them in JSON.</summary>
    private static IEnumerable<DateTimeOffset> Times(string json)
    {
        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.String && property.Value.GetString() is { Length: >= 19 } text && text[4] == '-' && text[10] == 'T'
                && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var time))
                yield return new DateTimeOffset(time.UtcDateTime.Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);
        }
    }

    private Task<(string Slug, string Token, string Email)> AnonymousConsultationWithAnInvitationAsync(bool anonymous = true) => app.WithDbAsync(async db =>
    {
        var now = app.Clock.GetUtcNow();
        var slug = $"anon-{Guid.NewGuid():N}"[..20];
        var consultation = Consultation.Create(slug, "en", ["en"], AccessMode.InvitedOnly, anonymous, 5, now);
        consultation.SetText(ElementKey.Consultation, TextField.Title, "en", "Anonymous views");
        var section = consultation.AddSection("views");
        consultation.SetText(ElementKey.Section("views"), TextField.Title, "en", "Your views");
        section.AddQuestion(consultation, "view", QuestionType.LongText, true);
        consultation.SetText(ElementKey.Question("view"), TextField.Label, "en", "Your view");
        section.AddQuestion(consultation, "paper", QuestionType.FileUpload, false).LimitUpload(1, ["pdf"]);
        consultation.SetText(ElementKey.Question("paper"), TextField.Label, "en", "A paper");
        consultation.Publish(now);
        var email = $"{Guid.NewGuid():N}@example.org";
        var stakeholder = Stakeholder.Create("Ngozi Person", email, "Lab", Sector.Academia, "KE", "en", now);
        var token = InvitationToken.New();
        db.Consultations.Add(consultation);
        db.Stakeholders.Add(stakeholder);
        db.Invitations.Add(Invitation.Issue(consultation, stakeholder, token, now));
        await db.SaveChangesAsync();
        return (slug, token, email);
    });
}
