namespace Consultation.Tests.Pages.Organise.History;

using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Consultation.Tests.Pages.Organise.Settings;
using Consultation.Tests.Support;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;

/// <summary>An organiser reads their consultation's history: every change in words, newest first, a page at a time.</summary>
public sealed class HistoryPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string TimeZone = "Asia/Tokyo";

    [Fact]
    public async Task ChangesMadeThroughThePages_AreListedInWords_NewestFirst_WithWhoMadeThem_InTheConsultationsTimeZone()
    {
        var id = await DraftAsync();
        var email = await app.OrganiserOfAsync(id);
        var organiser = await app.SignedInAsync(email, acceptLanguage: "fr");
        var colleague = await app.CreateStaffAsync(StaffRoles.Analyst);

        await AddQuestionAsync(organiser, id, "About you", "Type of respondent");
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var settings = await organiser.GetPageAsync(SettingsForms.SettingsPath(id));
        Assert.Equal(HttpStatusCode.Redirect,
            (await SettingsForms.SaveAsync(organiser, settings, new Dictionary<string, string[]> { ["Input.Summary"] = ["Where is shade missing?"] })).StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var team = $"/organise/{id}/team";
        await ResponseAssert.RedirectsTo($"{team}?added={colleague}", await organiser.SubmitAsync(await organiser.GetPageAsync(team),
            new Dictionary<string, string[]> { ["Member.Email"] = [colleague], ["Member.Role"] = ["Analyst"] }, "#add-member", pagePath: team));

        var rows = Rows(await organiser.GetPageAsync(HistoryPath(id)));

        Assert.Equal(4, rows.Count);
        Assert.Equal(
            [Localized.Text("fr", "Added a team member"), Localized.Text("fr", "Changed the consultation's settings"),
             Localized.Text("fr", "Added a question"), Localized.Text("fr", "Added a section")],
            rows.Select(r => r.What));
        Assert.All(rows, r => Assert.Equal(email, r.Who));
        Assert.Equal(colleague, rows[0].Object);
        Assert.Contains("type_of_respondent", rows[2].Object, StringComparison.Ordinal);
        Assert.Contains("Type of respondent", rows[2].Object, StringComparison.Ordinal);
        Assert.Contains("about_you", rows[3].Object, StringComparison.Ordinal);

        // Times in Tokyo, named so: the newest entry is now, there.
        var tokyo = TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(TimeZone));
        Assert.Equal(tokyo.DateTime.ToString("g", CultureInfo.GetCultureInfo("fr")), rows[0].When);
        var page = await organiser.GetPageAsync(HistoryPath(id));
        Assert.Contains(TimeZone, page.Text("table.history thead"), StringComparison.Ordinal);
        Assert.Equal("en", page.QuerySelector("table.history tbody tr:nth-child(3) [lang]")?.GetAttribute("lang"));
    }

    [Fact]
    public async Task EventsOfAnotherConsultation_NeverAppear()
    {
        var id = await DraftAsync();
        var other = await DraftAsync();
        await app.WithDbAsync(async db =>
        {
            db.AuditEvents.Add(AuditEvent.Record(AuditActions.QuestionAdded, "someone@example.org", null, null, app.Clock.GetUtcNow(),
                "question", $"{other}/secret_question", other));
            db.AuditEvents.Add(AuditEvent.Record(AuditActions.QuestionAdded, "someone@example.org", null, null, app.Clock.GetUtcNow(),
                "question", $"{id}/our_question", id));
            await db.SaveChangesAsync();
        });
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id));

        var rows = Rows(await organiser.GetPageAsync(HistoryPath(id)));

        Assert.Contains("our_question", Assert.Single(rows).Object, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALongHistory_IsShownFiftyAtATime_WithOlderAndNewerLinks()
    {
        var id = await DraftAsync();
        var start = app.Clock.GetUtcNow();
        await app.WithDbAsync(async db =>
        {
            for (var n = 1; n <= 60; n++)
                db.AuditEvents.Add(AuditEvent.Record(AuditActions.SectionAdded, "someone@example.org", null, null, start.AddMinutes(n),
                    "section", $"{id}/section_{n}", id));
            await db.SaveChangesAsync();
        });
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id));

        var first = await organiser.GetPageAsync(HistoryPath(id));
        var newest = Rows(first);
        Assert.Equal(50, newest.Count);
        Assert.Contains("section_60", newest[0].Object, StringComparison.Ordinal);
        Assert.Contains("section_11", newest[49].Object, StringComparison.Ordinal);
        Assert.Null(first.QuerySelector("a[rel=prev]"));

        var older = await organiser.GetPageAsync(first.QuerySelector("a[rel=next]")!.GetAttribute("href")!);
        var oldest = Rows(older);
        Assert.Equal(10, oldest.Count);
        Assert.Contains("section_10", oldest[0].Object, StringComparison.Ordinal);
        Assert.Contains("section_1", oldest[9].Object, StringComparison.Ordinal);
        Assert.Null(older.QuerySelector("a[rel=next]"));
        Assert.Equal(HistoryPath(id) + "?page=1", older.QuerySelector("a[rel=prev]")!.GetAttribute("href"));
    }

    [Theory]
    [InlineData("2147483647")]
    [InlineData("-2147483648")]
    [InlineData("0")]
    [InlineData("99999999999")]
    public async Task APageNumberOutOfRange_ShowsAPage_NotAServerError(string page)
    {
        var id = await DraftAsync();
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id));

        var response = await organiser.GetAsync($"{HistoryPath(id)}?page={page}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AKindOfChange_CanBeShownAlone()
    {
        var id = await DraftAsync();
        await app.WithDbAsync(async db =>
        {
            db.AuditEvents.Add(AuditEvent.Record(AuditActions.SectionAdded, "someone@example.org", null, null, app.Clock.GetUtcNow(), "section", $"{id}/intro", id));
            db.AuditEvents.Add(AuditEvent.Record(AuditActions.MemberRemoved, "someone@example.org", null, null, app.Clock.GetUtcNow(),
                "consultation-member", $"{id}/{Guid.NewGuid()}", id));
            await db.SaveChangesAsync();
        });
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id));
        var page = await organiser.GetPageAsync(HistoryPath(id));
        var filter = page.QuerySelector<IHtmlSelectElement>("select[name=kind]")!;
        Assert.Equal(["", "Structure", "Texts", "Publication", "Team"], filter.Options.Select(o => o.Value));

        var team = Rows(await organiser.GetPageAsync(HistoryPath(id) + "?kind=Team"));

        Assert.Equal(Localized.Text("en", "Removed a team member"), Assert.Single(team).What);
        Assert.Equal(Localized.Text("en", "A former account"), team[0].Object);
    }

    [Fact]
    public async Task SomeoneOutsideTheTeam_IsRefused_AndSoIsTheConsultationsAnalyst()
    {
        var id = await DraftAsync();
        var outsider = await app.SignedInAsync(await app.CreateStaffAsync(StaffRoles.Organiser));
        var analyst = await app.SignedInAsync(await app.AnalystOfAsync(id));

        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync(HistoryPath(id))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync(HistoryPath(id))).StatusCode);
    }

    private static string HistoryPath(Guid id) => $"/organise/{id}/history";

    private sealed record Row(string When, string Who, string What, string Object);

    private static List<Row> Rows(IHtmlDocument page) =>
        page.QuerySelectorAll("table.history tbody tr").Select(tr => tr.QuerySelectorAll("td").Select(td => Squeeze(td.TextContent)).ToList())
            .Select(cells => new Row(cells[0], cells[1], cells[2], cells[3])).ToList();

    private static string Squeeze(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private async Task AddQuestionAsync(HttpClient organiser, Guid id, string sectionTitle, string label)
    {
        var path = $"/organise/{id}/questionnaire";
        await ResponseAssert.RedirectsTo(path, await organiser.SubmitAsync(await organiser.GetPageAsync(path),
            new Dictionary<string, string[]> { ["NewSection.Title"] = [sectionTitle] }, formSelector: "form[action*='handler=AddSection']", pagePath: path));
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var page = await organiser.GetPageAsync(path);
        var section = page.QuerySelector("section.builder-section")!;
        var added = await organiser.SubmitAsync(page, new Dictionary<string, string[]>
        {
            ["NewQuestion.Label"] = [label],
            ["NewQuestion.Type"] = [nameof(QuestionType.ShortText)],
        }, formSelector: $"#{section.Id} form[action*='handler=AddQuestion']", pagePath: path);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
    }

    /// <summary>A draft in English and French that keeps its times in Tokyo.</summary>
    private Task<Guid> DraftAsync() => app.WithDbAsync(async db =>
    {
        var consultation = Consultation.Create($"history-{Guid.NewGuid():N}"[..20], "en", ["en", "fr"],
            AccessMode.PublicLink, isAnonymous: false, estimatedMinutes: 10, app.Clock.GetUtcNow());
        consultation.SetText(ElementKey.Consultation, TextField.Title, "en", "Urban trees and heat");
        consultation.UseTimeZone(TimeZone);
        db.Consultations.Add(consultation);
        await db.SaveChangesAsync();
        return consultation.Id;
    });
}
