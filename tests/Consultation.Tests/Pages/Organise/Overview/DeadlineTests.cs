namespace Consultation.Tests.Pages.Organise.Overview;

using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using Consultation.Tests.Support;
using Consultation.Web.Domain;
using Consultation.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// More time for stakeholders, from the consultation's overview: a later deadline for an open consultation, a new
/// period for a closed one. Times are typed in the consultation's time zone (Paris here).
/// </summary>
public sealed class DeadlineTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Paris = "Europe/Paris";
    private const string Extend = "form[action$='handler=Extend']";
    private const string Reopen = "form[action$='handler=Reopen']";

    [Fact]
    public async Task Extend_LetsStakeholdersAnswerAfterTheOldDeadline_AndIsAudited()
    {
        var (slug, id, organiser, path) = await OpenUntilAsync(TimeSpan.FromHours(1));
        var newDeadline = Minute(app.Clock.GetUtcNow().AddDays(3));

        await ResponseAssert.RedirectsTo(path, await SubmitDeadlineAsync(organiser, path, Extend, newDeadline));

        Assert.Equal(newDeadline, (await StoredAsync(id)).ClosesAt);
        Assert.Contains(InParis(newDeadline), (await organiser.GetPageAsync(path)).Text("dl.summary-list"), StringComparison.Ordinal);
        app.Clock.Advance(TimeSpan.FromHours(2));
        await RunScheduleAsync();
        Assert.Equal(ConsultationStatus.Open, (await StoredAsync(id)).Status);
        await AnswersAsync(slug);
        await AuditedAsync(id, AuditActions.DeadlineExtended, organiser, "Extended the deadline");
    }

    [Fact]
    public async Task Extend_ToAnEarlierTime_IsRefusedInWords_KeepingWhatWasTyped()
    {
        var (_, id, organiser, path) = await OpenUntilAsync(TimeSpan.FromHours(5));
        var before = await StoredAsync(id);
        var earlier = Minute(app.Clock.GetUtcNow().AddHours(2));

        var refused = await SubmitDeadlineAsync(organiser, path, Extend, earlier);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await Html.ParseAsync(refused);
        Assert.Contains(Localized.Text("fr", "The new closing time must be later than the current one."), page.Text("[data-error-summary]"), StringComparison.Ordinal);
        Assert.Equal(Local(earlier), page.QuerySelector($"{Extend} input[name='Deadline.ClosesAt']")!.GetAttribute("value"));
        Assert.Equal(before.ClosesAt, (await StoredAsync(id)).ClosesAt);
        Assert.Equal(0, await EventsAsync(id, AuditActions.DeadlineExtended));
    }

    [Fact]
    public async Task Extend_ToAPastTime_OrToNothing_IsRefusedInWords()
    {
        var (_, id, organiser, path) = await OpenUntilAsync(TimeSpan.FromHours(1));
        // The deadline has passed but the schedule has not closed the consultation yet: a later time still in the past is refused.
        app.Clock.Advance(TimeSpan.FromHours(3));
        var past = Minute(app.Clock.GetUtcNow().AddHours(-1));

        var refused = await Html.ParseAsync(await SubmitDeadlineAsync(organiser, path, Extend, past));
        Assert.Contains(Localized.Text("fr", "The new closing time must be in the future."), refused.Text("[data-error-summary]"), StringComparison.Ordinal);
        var empty = await Html.ParseAsync(await organiser.SubmitAsync(await organiser.GetPageAsync(path),
            new Dictionary<string, string[]> { ["Deadline.ClosesAt"] = [""] }, Extend, pagePath: path));
        Assert.Contains(Localized.Text("fr", "Enter the new closing time."), empty.Text("[data-error-summary]"), StringComparison.Ordinal);
        Assert.Equal(0, await EventsAsync(id, AuditActions.DeadlineExtended));
    }

    [Fact]
    public async Task Extend_ToSomethingThatIsNotATime_OrToATimeTheClocksSkip_IsRefusedInWords()
    {
        var (_, id, organiser, path) = await OpenUntilAsync(TimeSpan.FromHours(1));

        var unreadable = await Html.ParseAsync(await organiser.SubmitAsync(await organiser.GetPageAsync(path),
            new Dictionary<string, string[]> { ["Deadline.ClosesAt"] = ["next friday"] }, Extend, pagePath: path));
        Assert.Contains(Localized.Text("fr", "Enter the new closing time as a date and a time."), unreadable.Text("[data-error-summary]"), StringComparison.Ordinal);
        Assert.Equal("next friday", unreadable.QuerySelector($"{Extend} input[name='Deadline.ClosesAt']")!.GetAttribute("value"));
        // In Paris, 02:30 on the last Sunday of March 2031 never happens.
        var skipped = await Html.ParseAsync(await organiser.SubmitAsync(await organiser.GetPageAsync(path),
            new Dictionary<string, string[]> { ["Deadline.ClosesAt"] = ["2031-03-30T02:30"] }, Extend, pagePath: path));
        Assert.Contains(Localized.Text("fr", "That time does not exist in this time zone (the clocks change then). Choose another time."),
            skipped.Text("[data-error-summary]"), StringComparison.Ordinal);
        Assert.Equal(0, await EventsAsync(id, AuditActions.DeadlineExtended));
    }

    [Fact]
    public async Task Reopen_AClosedConsultation_LetsStakeholdersAnswerAgain_AndCompletedInvitationsStayCompleted()
    {
        var (slug, id, organiser, path) = await OpenUntilAsync(TimeSpan.FromDays(2));
        var completed = await CompletedInvitationAsync(id);
        var pending = await PendingInvitationAsync(id);
        await ResponseAssert.RedirectsTo(path, await organiser.SubmitAsync(await organiser.GetPageAsync(path), formSelector: "form[action$='handler=Close']", pagePath: path));
        Assert.Equal(HttpStatusCode.Gone, (await app.Respondent().GetAsync($"/c/{slug}/answer")).StatusCode);
        var closed = await organiser.GetPageAsync(path);
        Assert.Null(closed.QuerySelector("form[action$='handler=Open']"));
        Assert.Null(closed.QuerySelector(Extend));
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var until = Minute(app.Clock.GetUtcNow().AddDays(7));

        await ResponseAssert.RedirectsTo(path, await SubmitDeadlineAsync(organiser, path, Reopen, until));

        var reopened = await StoredAsync(id);
        Assert.Equal(ConsultationStatus.Open, reopened.Status);
        Assert.Equal(until, reopened.ClosesAt);
        await AnswersAsync(slug);
        Assert.Equal(HttpStatusCode.OK, (await app.Respondent().GetAsync($"/r/{pending}/answer")).StatusCode);
        Assert.Equal(InvitationStatus.Completed, await app.WithDbAsync(db => db.Invitations.Where(i => i.Id == completed).Select(i => i.Status).SingleAsync()));
        await AuditedAsync(id, AuditActions.ConsultationReopened, organiser, "Reopened the consultation");
    }

    [Fact]
    public async Task Reopen_WithoutAFutureClosingTime_IsRefusedInWords_AndTheConsultationStaysClosed()
    {
        var (slug, id, organiser, path) = await OpenUntilAsync(TimeSpan.FromDays(2));
        await organiser.SubmitAsync(await organiser.GetPageAsync(path), formSelector: "form[action$='handler=Close']", pagePath: path);

        var empty = await Html.ParseAsync(await organiser.SubmitAsync(await organiser.GetPageAsync(path),
            new Dictionary<string, string[]> { ["Deadline.ClosesAt"] = [""] }, Reopen, pagePath: path));
        Assert.Contains(Localized.Text("fr", "Enter the new closing time."), empty.Text("[data-error-summary]"), StringComparison.Ordinal);
        var past = await Html.ParseAsync(await SubmitDeadlineAsync(organiser, path, Reopen, Minute(app.Clock.GetUtcNow().AddHours(-1))));
        Assert.Contains(Localized.Text("fr", "The new closing time must be in the future."), past.Text("[data-error-summary]"), StringComparison.Ordinal);
        // Nor through the "Open now" handler, which is offered only to scheduled consultations.
        var token = (await organiser.GetPageAsync(path)).QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var opened = await Html.ParseAsync(await organiser.PostAsync($"{path}?handler=Open",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)])));
        Assert.Contains(Localized.Text("fr", "Give the reopened consultation a closing time."), opened.Text("[data-error-summary]"), StringComparison.Ordinal);

        Assert.Equal(ConsultationStatus.Closed, (await StoredAsync(id)).Status);
        Assert.Equal(HttpStatusCode.Gone, (await app.Respondent().GetAsync($"/c/{slug}/answer")).StatusCode);
        Assert.Equal(0, await EventsAsync(id, AuditActions.ConsultationReopened) + await EventsAsync(id, AuditActions.ConsultationOpened));
    }

    [Fact]
    public async Task AnAnalystOfTheConsultation_CanNeitherExtendNorReopen()
    {
        var (_, id, _, path) = await OpenUntilAsync(TimeSpan.FromHours(5));
        var analyst = await app.SignedInAsync(await app.AnalystOfAsync(id));
        var later = new Dictionary<string, string> { ["Deadline.ClosesAt"] = Local(app.Clock.GetUtcNow().AddDays(9)) };

        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PostAsync($"{path}?handler=Extend", new FormUrlEncodedContent(later))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PostAsync($"{path}?handler=Reopen", new FormUrlEncodedContent(later))).StatusCode);
        Assert.Equal(0, await EventsAsync(id, AuditActions.DeadlineExtended));
    }

    [Fact]
    public async Task AFormWithoutItsAntiforgeryToken_IsRefused_AndChangesNothing()
    {
        var (_, id, organiser, path) = await OpenUntilAsync(TimeSpan.FromHours(5));
        var before = await StoredAsync(id);
        var later = new Dictionary<string, string> { ["Deadline.ClosesAt"] = Local(app.Clock.GetUtcNow().AddDays(9)) };

        Assert.Equal(HttpStatusCode.BadRequest, (await organiser.PostAsync($"{path}?handler=Extend", new FormUrlEncodedContent(later))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await organiser.PostAsync($"{path}?handler=Reopen", new FormUrlEncodedContent(later))).StatusCode);
        Assert.Equal(before.ClosesAt, (await StoredAsync(id)).ClosesAt);
    }

    [Fact]
    public async Task TheSchedule_ClosesAReopenedConsultationAtItsNewDeadline()
    {
        var (slug, id, organiser, path) = await OpenUntilAsync(TimeSpan.FromHours(1));
        app.Clock.Advance(TimeSpan.FromHours(2));
        await RunScheduleAsync();
        Assert.Equal(ConsultationStatus.Closed, (await StoredAsync(id)).Status);
        var until = Minute(app.Clock.GetUtcNow().AddDays(1));
        await ResponseAssert.RedirectsTo(path, await SubmitDeadlineAsync(organiser, path, Reopen, until));

        app.Clock.Advance(until - app.Clock.GetUtcNow() - TimeSpan.FromMinutes(1));
        await RunScheduleAsync();
        Assert.Equal(ConsultationStatus.Open, (await StoredAsync(id)).Status);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await RunScheduleAsync();

        Assert.Equal(ConsultationStatus.Closed, (await StoredAsync(id)).Status);
        Assert.Equal(HttpStatusCode.Gone, (await app.Respondent().GetAsync($"/c/{slug}/answer")).StatusCode);
        Assert.Equal(2, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.ConsultationId == id
            && e.Action == AuditActions.ConsultationClosed && e.Actor == OpenAndCloseConsultationsJob.Actor)));
    }

    /// <summary>A published, open consultation with times in Paris, closing after <paramref name="closesIn"/>, and an organiser reading French.</summary>
    private async Task<(string Slug, Guid Id, HttpClient Organiser, string Path)> OpenUntilAsync(TimeSpan closesIn)
    {
        var now = app.Clock.GetUtcNow();
        var consultation = TestConsultations.EveryType($"deadline-{Guid.NewGuid():N}"[..20], now);
        consultation.Schedule(null, now + closesIn, now);
        consultation.UseTimeZone(Paris);
        consultation.ChangeAccess(AccessMode.Both, isAnonymous: false);
        await app.WithDbAsync(async db =>
        {
            db.Consultations.Add(consultation);
            await db.SaveChangesAsync();
        });
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(consultation.Id), acceptLanguage: "fr");
        return (consultation.Slug, consultation.Id, organiser, $"/organise/{consultation.Id}");
    }

    private static async Task<HttpResponseMessage> SubmitDeadlineAsync(HttpClient organiser, string path, string form, DateTimeOffset closesAt) =>
        await organiser.SubmitAsync(await organiser.GetPageAsync(path),
            new Dictionary<string, string[]> { ["Deadline.ClosesAt"] = [Local(closesAt)] }, form, pagePath: path);

    /// <summary>An anonymous stakeholder answers the whole questionnaire from the public link.</summary>
    private async Task AnswersAsync(string slug)
    {
        var respondent = app.Respondent();
        var form = await respondent.GetPageAsync($"/c/{slug}/answer");
        await ResponseAssert.RedirectsTo($"/c/{slug}/thank-you", await respondent.CompleteAsync(form, TestConsultations.EveryTypeAnswers()));
    }

    private async Task AuditedAsync(Guid id, string action, HttpClient organiser, string label)
    {
        Assert.Equal(1, await EventsAsync(id, action));
        var history = await organiser.GetPageAsync($"/organise/{id}/history");
        Assert.Equal(Localized.Text("fr", label), history.QuerySelector("table.history tbody tr td:nth-child(3)")?.TextContent.Trim());
    }

    private Task<int> EventsAsync(Guid id, string action) =>
        app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.ConsultationId == id && e.Action == action));

    private Task<Consultation> StoredAsync(Guid id) =>
        app.WithDbAsync(db => db.Consultations.AsNoTracking().SingleAsync(c => c.Id == id));

    private async Task RunScheduleAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<OpenAndCloseConsultationsJob>().RunAsync(CancellationToken.None);
    }

    private Task<Guid> CompletedInvitationAsync(Guid consultationId) => app.WithDbAsync(async db =>
    {
        var consultation = await db.Consultations.SingleAsync(c => c.Id == consultationId);
        var stakeholder = Stakeholder.Create("Answered Already", $"{Guid.NewGuid():N}@example.org", null, Sector.Other, "KE", "en", app.Clock.GetUtcNow());
        var invitation = Invitation.Issue(consultation, stakeholder, InvitationToken.New(), app.Clock.GetUtcNow());
        invitation.Complete(app.Clock.GetUtcNow());
        db.Stakeholders.Add(stakeholder);
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync();
        return invitation.Id;
    });

    private Task<string> PendingInvitationAsync(Guid consultationId) => app.WithDbAsync(async db =>
    {
        var consultation = await db.Consultations.SingleAsync(c => c.Id == consultationId);
        var stakeholder = Stakeholder.Create("Not Yet", $"{Guid.NewGuid():N}@example.org", null, Sector.Other, "KE", "en", app.Clock.GetUtcNow());
        var token = InvitationToken.New();
        db.Stakeholders.Add(stakeholder);
        db.Invitations.Add(Invitation.Issue(consultation, stakeholder, token, app.Clock.GetUtcNow()));
        await db.SaveChangesAsync();
        return token;
    });

    private static readonly TimeZoneInfo ParisZone = TimeZoneInfo.FindSystemTimeZoneById(Paris);

    /// <summary>As typed into a datetime-local field in Paris.</summary>
    private static string Local(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, ParisZone).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    private static string InParis(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, ParisZone).DateTime.ToString("f", System.Globalization.CultureInfo.GetCultureInfo("fr"));

    private static DateTimeOffset Minute(DateTimeOffset time) => new(time.Year, time.Month, time.Day, time.Hour, time.Minute, 0, TimeSpan.Zero);
}
