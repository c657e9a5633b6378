namespace Consultation.Tests.Pages.Organise.Settings;

using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Consultation.Tests.Support;
using Consultation.Web.Data;
using Consultation.Web.Demo;
using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;

/// <summary>An organiser edits, duplicates and archives a consultation from its settings page.</summary>
public sealed class SettingsPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Script = "<script>alert('x')</script>";

    [Fact]
    public async Task Save_ScriptTagsInEveryText_AreStoredAsGiven_AndShownEncoded()
    {
        var organiser = await OrganiserAsync();
        var id = await SettingsForms.CreatedAsync(organiser, SettingsForms.Valid(SettingsForms.NewSlug("script")));
        var page = await organiser.GetPageAsync(SettingsForms.SettingsPath(id));

        var saved = await SettingsForms.SaveAsync(organiser, page, new Dictionary<string, string[]>
        {
            ["Input.Title"] = [$"Title {Script}"],
            ["Input.Summary"] = [$"Summary {Script}"],
            ["Input.Landing"] = [$"Landing {Script}"],
        });

        await ResponseAssert.RedirectsTo($"{SettingsForms.SettingsPath(id)}?saved=True", saved);
        var stored = await app.WithDbAsync(db => db.Consultations.Include(c => c.Texts).AsNoTracking().SingleAsync(c => c.Id == id));
        Assert.Equal($"Title {Script}", stored.DefaultText(ElementKey.Consultation, TextField.Title));
        Assert.Equal($"Summary {Script}", stored.DefaultText(ElementKey.Consultation, TextField.Summary));
        var html = await (await organiser.GetAsync(SettingsForms.SettingsPath(id))).Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(", html, StringComparison.Ordinal);
        var reread = await Html.ParseAsync(await organiser.GetAsync(SettingsForms.SettingsPath(id)));
        Assert.Equal($"Title {Script}", reread.Text("h1"));
        Assert.Equal($"Landing {Script}", NewPageTests.Value(reread, "Input.Landing"));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditActions.ConsultationSettingsChanged && e.ObjectId == id.ToString())));
    }

    [Fact]
    public async Task Landing_RendersTheTextsAsMarkdown_WithoutRawHtmlOrJavascriptLinks()
    {
        var organiser = await OrganiserAsync();
        var slug = SettingsForms.NewSlug("markdown");
        var values = SettingsForms.Valid(slug);
        values["Input.Summary"] = [$"Read **this** first. {Script}"];
        values["Input.Landing"] = ["- [our site](https://example.org/about)\n- [bad](javascript:alert(1))\n- [worse](JaVaScRiPt:alert(2))\n- <javascript:alert(3)>\n- ![tracker](https://example.org/pixel.png)\n\n<img src=x onerror=alert(4)>"];
        values["Input.PrivacyNotice"] = ["We keep *nothing* longer than needed."];
        var id = await SettingsForms.CreatedAsync(organiser, values);
        await app.WithDbAsync(async db =>
        {
            var consultation = await db.Consultations.Include(c => c.Texts).Include(c => c.Sections).SingleAsync(c => c.Id == id);
            consultation.AddSection("s").AddQuestion(consultation, "q", QuestionType.ShortText, false);
            consultation.Publish(app.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        });

        var response = await app.Respondent().GetAsync($"/c/{slug}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);

        Assert.Equal("this", page.QuerySelector("main strong")?.TextContent);
        Assert.Equal("nothing", page.QuerySelector(".privacy-notice em")?.TextContent);
        Assert.Equal("https://example.org/about", page.QuerySelector("main a[href^='https://example.org']")?.GetAttribute("href"));
        Assert.Empty(page.QuerySelectorAll("main script, main img, main [onerror]"));
        Assert.DoesNotContain(page.QuerySelectorAll("main a"), a => (a.GetAttribute("href") ?? "").Contains("script:", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("bad", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(4)&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_OverSomeoneElsesChange_IsRefusedWithTheMessage_KeepsWhatWasTyped_AndASecondSaveGoesThrough()
    {
        var first = await OrganiserAsync();
        var id = await SettingsForms.CreatedAsync(first, SettingsForms.Valid(SettingsForms.NewSlug("both")));
        var second = await app.SignedInAsync(await app.OrganiserOfAsync(id), acceptLanguage: "ko");
        var firstPage = await first.GetPageAsync(SettingsForms.SettingsPath(id));
        var secondPage = await second.GetPageAsync(SettingsForms.SettingsPath(id));

        // Only a text changes: the consultation's row must still move to a new version.
        await ResponseAssert.RedirectsTo($"{SettingsForms.SettingsPath(id)}?saved=True",
            await SettingsForms.SaveAsync(first, firstPage, new Dictionary<string, string[]> { ["Input.Summary"] = ["First organiser's summary"] }));
        var refused = await SettingsForms.SaveAsync(second, secondPage, new Dictionary<string, string[]> { ["Input.Summary"] = ["Second organiser's summary"] });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await Html.ParseAsync(refused);
        Assert.Contains(Localized.Text("ko", "Someone else saved changes to this consultation while you were editing. Nothing you typed here was saved: check it below and save again to replace their changes."),
            page.Text("[data-error-summary]"), StringComparison.Ordinal);
        Assert.Equal("Second organiser's summary", NewPageTests.Value(page, "Input.Summary"));
        Assert.Equal("First organiser's summary", await SummaryAsync(id));

        await ResponseAssert.RedirectsTo($"{SettingsForms.SettingsPath(id)}?saved=True", await SettingsForms.SaveAsync(second, page, new Dictionary<string, string[]>()));
        Assert.Equal("Second organiser's summary", await SummaryAsync(id));
    }

    [Fact]
    public async Task Save_ALinkTakenByAnotherConsultation_IsRefusedInWords()
    {
        var organiser = await OrganiserAsync();
        var id = await SettingsForms.CreatedAsync(organiser, SettingsForms.Valid(SettingsForms.NewSlug("mine")));

        var refused = await SettingsForms.SaveAsync(organiser, await organiser.GetPageAsync(SettingsForms.SettingsPath(id)),
            new Dictionary<string, string[]> { ["Input.Slug"] = [DemoSeeder.Slug] });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(Localized.Text("en", "The link /c/{0} is already taken by another consultation. Choose another.", DemoSeeder.Slug),
            (await Html.ParseAsync(refused)).Text("[data-error-summary]"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Duplicate_CopiesEverySectionQuestionAndTextInEveryLanguage_IntoANewDraftOrganisedByTheDuplicator()
    {
        var originalId = await app.WithDbAsync(db => db.Consultations.Where(c => c.Slug == DemoSeeder.Slug).Select(c => c.Id).SingleAsync());
        var email = await app.CreateStaffAsync(StaffRoles.Organiser, MemberRole.Organiser);
        var organiser = await app.SignedInAsync(email);
        var path = SettingsForms.SettingsPath(originalId);

        var response = await organiser.SubmitAsync(await organiser.GetPageAsync(path), formSelector: "form[action$='handler=Duplicate']");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var copyId = Guid.Parse(response.Headers.Location!.OriginalString.Split('/')[2]);
        Assert.NotEqual(originalId, copyId);
        var (original, copy) = await app.WithDbAsync(async db => (await FullAsync(db, originalId), await FullAsync(db, copyId)));
        Assert.Equal(ConsultationStatus.Draft, copy.Status);
        Assert.Equal($"{DemoSeeder.Slug}-copy", copy.Slug);
        Assert.Equal(original.OfferedLanguages, copy.OfferedLanguages);
        Assert.True(original.OfferedLanguages.Count > 1);
        Assert.Equal(Structure(original), Structure(copy));
        Assert.Equal(Texts(original), Texts(copy));
        Assert.True(original.Texts.Select(t => t.Language).Distinct().Count() > 1);
        Assert.Equal(0, await app.WithDbAsync(db => db.Responses.CountAsync(r => r.ConsultationId == copyId)));
        Assert.Equal(0, await app.WithDbAsync(db => db.Invitations.CountAsync(i => i.ConsultationId == copyId)));
        Assert.Equal(0, await app.WithDbAsync(db => db.QuestionnaireVersions.CountAsync(v => v.ConsultationId == copyId)));
        var members = await app.WithDbAsync(db => db.ConsultationMembers.Where(m => m.ConsultationId == copyId).Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Email, m.Role }).ToListAsync());
        Assert.Equal([(email, MemberRole.Organiser)], members.Select(m => (m.Email, m.Role)));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditActions.ConsultationDuplicated && e.ObjectId == copyId.ToString())));

        // A second copy takes the next free link; the copy's own settings page opens.
        var again = await organiser.SubmitAsync(await organiser.GetPageAsync(path), formSelector: "form[action$='handler=Duplicate']");
        var secondId = Guid.Parse(again.Headers.Location!.OriginalString.Split('/')[2]);
        Assert.Equal($"{DemoSeeder.Slug}-copy-2", await app.WithDbAsync(db => db.Consultations.Where(c => c.Id == secondId).Select(c => c.Slug).SingleAsync()));
        await organiser.GetPageAsync(SettingsForms.SettingsPath(copyId));
    }

    [Fact]
    public async Task Archive_MakesADraftReadOnly_AndHidesItFromTheListsUntilAskedFor()
    {
        var organiser = await OrganiserAsync();
        var values = SettingsForms.Valid(SettingsForms.NewSlug("old"));
        values["Input.Title"] = ["A consultation to archive"];
        var id = await SettingsForms.CreatedAsync(organiser, values);
        var path = SettingsForms.SettingsPath(id);
        var staleForm = await organiser.GetPageAsync(path);
        Assert.Contains("A consultation to archive", (await organiser.GetPageAsync("/organise")).Text("main"), StringComparison.Ordinal);

        await ResponseAssert.RedirectsTo(path, await organiser.SubmitAsync(await organiser.GetPageAsync(path), formSelector: "form[action$='handler=Archive']"));

        Assert.Equal(ConsultationStatus.Archived, await app.WithDbAsync(db => db.Consultations.Where(c => c.Id == id).Select(c => c.Status).SingleAsync()));
        Assert.DoesNotContain("A consultation to archive", (await organiser.GetPageAsync("/organise")).Text("main"), StringComparison.Ordinal);
        Assert.DoesNotContain("A consultation to archive", (await organiser.GetPageAsync("/staff")).Text("main"), StringComparison.Ordinal);
        Assert.Contains("A consultation to archive", (await organiser.GetPageAsync("/organise?archived=true")).Text("main"), StringComparison.Ordinal);
        var page = await organiser.GetPageAsync(path);
        Assert.True(page.QuerySelector<IHtmlFieldSetElement>("fieldset.settings-form")!.IsDisabled);
        Assert.Null(page.QuerySelector("#settings-form button[type=submit]"));
        Assert.Null(page.QuerySelector("form[action$='handler=Archive']"));

        var refused = await SettingsForms.SaveAsync(organiser, staleForm, new Dictionary<string, string[]> { ["Input.Title"] = ["Changed after archiving"] });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(Localized.Text("en", "This consultation is archived: its settings can be read but not changed."), (await Html.ParseAsync(refused)).Text("[data-error-summary]"), StringComparison.Ordinal);
        Assert.Equal("A consultation to archive", await app.WithDbAsync(db => db.ContentTexts
            .Where(t => t.ConsultationId == id && t.ElementKey == ElementKey.Consultation && t.Field == TextField.Title).Select(t => t.Text).SingleAsync()));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditActions.ConsultationArchived && e.ObjectId == id.ToString())));
    }

    [Fact]
    public async Task Archive_AnOpenConsultation_IsNotOffered()
    {
        var id = await app.WithDbAsync(db => db.Consultations.Where(c => c.Slug == DemoSeeder.Slug).Select(c => c.Id).SingleAsync());
        var organiser = await app.SignedInAsync(await app.CreateStaffAsync(StaffRoles.Organiser, MemberRole.Organiser));
        var page = await organiser.GetPageAsync(SettingsForms.SettingsPath(id));
        Assert.Null(page.QuerySelector("form[action$='handler=Archive']"));
        Assert.True(page.QuerySelector<IHtmlInputElement>("input[name='Input.Slug']")!.IsDisabled);
    }

    [Fact]
    public async Task Save_OfAPublishedConsultation_AsABrowserSendsIt_WithoutTheSettledFields_ChangesTheRestAndKeepsTheLink()
    {
        var id = await app.WithDbAsync(db => db.Consultations.Where(c => c.Slug == DemoSeeder.Slug).Select(c => c.Id).SingleAsync());
        var organiser = await app.SignedInAsync(await app.CreateStaffAsync(StaffRoles.Organiser, MemberRole.Organiser));
        var page = await organiser.GetPageAsync(SettingsForms.SettingsPath(id));
        var form = page.QuerySelector<IHtmlFormElement>("#settings-form")!;
        var disabled = form.Elements.OfType<IHtmlInputElement>().Where(i => i.IsDisabled).Select(i => i.Name)
            .Concat(form.Elements.OfType<IHtmlSelectElement>().Where(s => s.IsDisabled).Select(s => s.Name)).ToHashSet();
        Assert.Equal(["Input.DefaultLanguage", "Input.IsAnonymous", "Input.Slug"], disabled.Order());
        var before = await app.WithDbAsync(db => db.Consultations.AsNoTracking().SingleAsync(c => c.Id == id));

        var values = Html.FormValues(form).Where(v => !disabled.Contains(v.Key) || v.Value == "false").ToList();
        values.RemoveAll(v => v.Key == "Input.EstimatedMinutes");
        values.Add(new("Input.EstimatedMinutes", "42"));
        var saved = await organiser.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(values));

        // The estimated time is shown on the landing page: on a live consultation it goes out at once, as version 2.
        await ResponseAssert.RedirectsTo($"{SettingsForms.SettingsPath(id)}?saved=True&published=2", saved);
        var after = await app.WithDbAsync(db => db.Consultations.AsNoTracking().SingleAsync(c => c.Id == id));
        Assert.Equal(42, after.EstimatedMinutes);
        Assert.Equal((before.Slug, before.DefaultLanguage, before.IsAnonymous, before.Status, before.ClosesAt), (after.Slug, after.DefaultLanguage, after.IsAnonymous, after.Status, after.ClosesAt));
        Assert.NotEqual(before.Version, after.Version);
    }

    [Fact]
    public async Task Settings_OfAConsultationTheOrganiserIsNotOn_IsForbidden_AndAnUnknownOneIsNotFound()
    {
        var id = await app.WithDbAsync(db => db.Consultations.Where(c => c.Slug == DemoSeeder.Slug).Select(c => c.Id).SingleAsync());
        var outsider = await OrganiserAsync();
        var member = await app.SignedInAsync(await app.CreateStaffAsync(StaffRoles.Organiser, MemberRole.Organiser));
        var form = await member.GetPageAsync(SettingsForms.SettingsPath(id));

        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync(SettingsForms.SettingsPath(id))).StatusCode);
        var values = Html.FormValues(form.QuerySelector<IHtmlFormElement>("#settings-form")!);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.PostAsync($"{SettingsForms.SettingsPath(id)}?handler=Duplicate", new FormUrlEncodedContent(values))).StatusCode);
        var admin = await app.SignedInAsync(DemoSeeder.AdminEmail);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(SettingsForms.SettingsPath(Guid.NewGuid()))).StatusCode);
    }

    private static async Task<Consultation> FullAsync(ConsultationDbContext db, Guid id) =>
        await db.Consultations
            .Include(c => c.Sections).ThenInclude(s => s.Questions).ThenInclude(q => q.Options)
            .Include(c => c.Sections).ThenInclude(s => s.Questions).ThenInclude(q => q.Rows)
            .Include(c => c.Texts).AsSplitQuery().AsNoTracking().SingleAsync(c => c.Id == id);

    /// <summary>
    /// Every property of every section, question, option and row in order, except ids and positions (the order says it):
    /// a property added to the model later is compared too.
    /// </summary>
    internal static List<string> Structure(Consultation c) =>
        [.. c.OrderedSections.SelectMany(s => new[] { $"section {s.Code}" }
            .Concat(s.OrderedQuestions.SelectMany(q => new[] { Properties(q) }
                .Concat(q.Options.OrderBy(o => o.Position).Select(Properties))
                .Concat(q.Rows.OrderBy(r => r.Position).Select(Properties)))))];

    private static string Properties(object element) => string.Join("; ", element.GetType().GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance)
        .Where(p => !p.Name.EndsWith("Id", StringComparison.Ordinal) && p.Name is not ("Options" or "Rows" or "Position" or "Version" or "UpdatedAt"))
        .Select(p => $"{p.Name}={Show(p.GetValue(element))}"));

    private static string Show(object? value) => value is System.Collections.IEnumerable list and not string
        ? string.Join(",", list.Cast<object>())
        : value?.ToString() ?? "null";

    private static List<string> Texts(Consultation c) =>
        [.. c.Texts.Select(t => $"{t.ElementKey}|{t.Field}|{t.Language}|{t.Status}|{t.SourceHash}|{t.Text}").Order(StringComparer.Ordinal)];

    private Task<string?> SummaryAsync(Guid id) => app.WithDbAsync(db => db.ContentTexts
        .Where(t => t.ConsultationId == id && t.ElementKey == ElementKey.Consultation && t.Field == TextField.Summary).Select(t => t.Text).SingleOrDefaultAsync());


    private async Task<HttpClient> OrganiserAsync() => await app.SignedInAsync(await app.CreateStaffAsync(StaffRoles.Organiser));
}
