namespace Consultation.Tests.Pages.Organise.Overview;

using System.Net;
using Consultation.Tests.Support;
using Consultation.Web.Data;
using Consultation.Web.Demo;
using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;

/// <summary>An organiser opens, closes and schedules a consultation from its page.</summary>
public sealed class ConsultationPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task CloseNow_RefusesNewAnswers_ThenReopening_TakesThemAgain()
    {
        var (organiser, path) = await OrganiserAsync("fr");
        // Counted from here: the class's other tests close and reopen the same consultation, in an order xUnit picks.
        var before = await ClosingsAndReopeningsAsync();

        await ResponseAssert.RedirectsTo(path, await organiser.SubmitAsync(await organiser.GetPageAsync(path), formSelector: "form[action$='handler=Close']", pagePath: path));

        var respondent = app.Respondent("fr");
        var closed = await respondent.GetAsync("/c/ai-safety-priorities/answer");
        Assert.Equal(HttpStatusCode.Gone, closed.StatusCode);
        Assert.Equal(Localized.Text("fr", "This consultation is closed"), (await Html.ParseAsync(closed)).Text("h1"));

        await ResponseAssert.RedirectsTo(path, await ReopenAsync(organiser, path));
        Assert.Equal(HttpStatusCode.OK, (await respondent.GetAsync("/c/ai-safety-priorities/answer")).StatusCode);
        Assert.Equal(2, await ClosingsAndReopeningsAsync() - before);
    }

    private Task<int> ClosingsAndReopeningsAsync() =>
        app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditActions.ConsultationClosed || e.Action == AuditActions.ConsultationReopened));

    [Fact]
    public async Task Schedule_InSeoulTime_IsStoredInUtc()
    {
        var (organiser, path) = await OrganiserAsync("ko");
        var page = await organiser.GetPageAsync(path);
        var later = app.Clock.GetUtcNow().AddDays(30);

        var saved = await organiser.SubmitAsync(page, new Dictionary<string, string[]>
        {
            ["Schedule.OpensAt"] = [""],
            ["Schedule.ClosesAt"] = [$"{later:yyyy-MM-dd}T18:00"],
            ["Schedule.TimeZone"] = ["Asia/Seoul"],
        }, formSelector: "form[action$='handler=Schedule']", pagePath: path);

        await ResponseAssert.RedirectsTo(path, saved);
        var closesAt = await app.WithDbAsync(db => db.Consultations.Where(c => c.Slug == DemoSeeder.Slug).Select(c => c.ClosesAt).SingleAsync());
        Assert.Equal(new DateTimeOffset(later.Year, later.Month, later.Day, 9, 0, 0, TimeSpan.Zero), closesAt);
        var summary = (await organiser.GetPageAsync(path)).Text("dl.summary-list");
        Assert.Contains("6:00", summary, StringComparison.Ordinal);
        Assert.Contains("(Asia/Seoul)", summary, StringComparison.Ordinal);
        // Shown back in the time zone it was set in.
        var shown = await organiser.GetPageAsync(path);
        Assert.Equal("Asia/Seoul", shown.QuerySelector("#time-zone option[selected]")?.GetAttribute("value"));
        Assert.Equal($"{later:yyyy-MM-dd}T18:00", shown.QuerySelector("#closes-at")?.GetAttribute("value"));
    }

    [Fact]
    public async Task Schedule_ClosingBeforeOpening_IsRefusedInWords_AndChangesNothing()
    {
        var (organiser, path) = await OrganiserAsync("sw");
        var before = await app.WithDbAsync(db => db.Consultations.Where(c => c.Slug == DemoSeeder.Slug).Select(c => c.ClosesAt).SingleAsync());

        var refused = await organiser.SubmitAsync(await organiser.GetPageAsync(path), new Dictionary<string, string[]>
        {
            ["Schedule.OpensAt"] = ["2031-05-10T10:00"],
            ["Schedule.ClosesAt"] = ["2031-05-01T10:00"],
            ["Schedule.TimeZone"] = ["UTC"],
        }, formSelector: "form[action$='handler=Schedule']", pagePath: path);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(Localized.Text("sw", "The closing time must be after the opening time."), (await Html.ParseAsync(refused)).Text("[data-error-summary]"), StringComparison.Ordinal);
        Assert.Equal(before, await app.WithDbAsync(db => db.Consultations.Where(c => c.Slug == DemoSeeder.Slug).Select(c => c.ClosesAt).SingleAsync()));
    }

    [Fact]
    public async Task Schedule_AtATimeSkippedByTheClocksChanging_IsRefusedInWords()
    {
        var (organiser, path) = await OrganiserAsync("fr");
        var before = await app.WithDbAsync(db => db.Consultations.Where(c => c.Slug == DemoSeeder.Slug).Select(c => c.ClosesAt).SingleAsync());

        var refused = await organiser.SubmitAsync(await organiser.GetPageAsync(path), new Dictionary<string, string[]>
        {
            ["Schedule.OpensAt"] = [""],
            ["Schedule.ClosesAt"] = ["2031-03-30T02:30"],
            ["Schedule.TimeZone"] = ["Europe/Paris"],
        }, formSelector: "form[action$='handler=Schedule']", pagePath: path);

        Assert.Contains(Localized.Text("fr", "That time does not exist in this time zone (the clocks change then). Choose another time."),
            (await Html.ParseAsync(refused)).Text("[data-error-summary]"), StringComparison.Ordinal);
        Assert.Equal(before, await app.WithDbAsync(db => db.Consultations.Where(c => c.Slug == DemoSeeder.Slug).Select(c => c.ClosesAt).SingleAsync()));
    }

    [Fact]
    public async Task AConsultationIdSmuggledIntoTheForm_IsIgnored_TheRoutesConsultationIsTheOneChanged()
    {
        var otherId = await app.WithDbAsync(async db =>
        {
            var now = app.Clock.GetUtcNow();
            var other = Consultation.Create($"other-{Guid.NewGuid():N}"[..20], "en", ["en"], AccessMode.PublicLink, false, 5, now);
            other.AddSection("s").AddQuestion(other, "q", QuestionType.ShortText, false);
            other.Publish(now);
            db.Consultations.Add(other);
            await db.SaveChangesAsync();
            return other.Id;
        });
        var (organiser, path) = await OrganiserAsync("en");
        var page = await organiser.GetPageAsync(path);

        var form = (AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("form[action$='handler=Close']")!;
        var values = Html.FormValues(form);
        values.Add(new("consultationId", otherId.ToString()));
        var response = await organiser.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(values));

        await ResponseAssert.RedirectsTo(path, response);
        Assert.Equal(ConsultationStatus.Open, await app.WithDbAsync(db => db.Consultations.Where(c => c.Id == otherId).Select(c => c.Status).SingleAsync()));
        Assert.Equal(ConsultationStatus.Closed, await app.WithDbAsync(db => db.Consultations.Where(c => c.Slug == DemoSeeder.Slug).Select(c => c.Status).SingleAsync()));
        await ReopenAsync(organiser, path);
    }

    /// <summary>Reopens the closed demo consultation for a month (a closed consultation reopens only with a new closing time).</summary>
    private async Task<HttpResponseMessage> ReopenAsync(HttpClient organiser, string path) =>
        await organiser.SubmitAsync(await organiser.GetPageAsync(path),
            new Dictionary<string, string[]> { ["Deadline.ClosesAt"] = [$"{app.Clock.GetUtcNow().AddDays(30):yyyy-MM-dd}T12:00"] },
            formSelector: "form[action$='handler=Reopen']", pagePath: path);

    private async Task<(HttpClient Organiser, string Path)> OrganiserAsync(string language)
    {
        var id = await app.WithDbAsync(db => db.Consultations.Where(c => c.Slug == DemoSeeder.Slug).Select(c => c.Id).SingleAsync());
        var email = await app.CreateStaffAsync(StaffRoles.Organiser, MemberRole.Organiser);
        return (await app.SignedInAsync(email, acceptLanguage: language), $"/organise/{id}");
    }
}
