namespace Consultation.Tests.Pages.Organise.Translations;

using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Consultation.Tests.Support;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;

/// <summary>Translating side by side: progress per language, saving only what changed, never over another's work, and who may translate what.</summary>
public sealed class TranslationPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Title = "Water for everyone";

    [Fact]
    public async Task Progress_CountsTranslatedMissingAndOutdated_PerOfferedLanguage()
    {
        var id = await DraftAsync(["en", "fr", "ar"], c =>
        {
            c.SetText(ElementKey.Consultation, TextField.Title, "fr", "L’eau pour tous");
            c.SetText(ElementKey.Section("about"), TextField.Title, "fr", "À propos de vous");
        });
        // The default wording changes after the French was written: that translation is now outdated.
        await ChangeAsync(id, c => c.SetText(ElementKey.Consultation, TextField.Title, "en", "Clean water for everyone"));
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id));

        var page = await organiser.GetPageAsync($"/organise/{id}/translations");

        var rows = page.QuerySelectorAll("[data-translation-progress] tbody tr").ToList();
        Assert.Equal(["fr", "ar"], rows.Select(r => r.GetAttribute("data-language")));
        var french = rows[0];
        Assert.Equal("Français", french.QuerySelector("th [lang='fr']")!.TextContent);
        Assert.Equal(Localized.Text("en", "{0} of {1}", 2, TextCount), french.Text("[data-translated]"));
        Assert.Equal((TextCount - 2).ToString(CultureInfo.InvariantCulture), french.Text("[data-missing]"));
        Assert.Equal("1", french.Text("[data-outdated]"));
        Assert.Equal($"/organise/{id}/translations/fr", french.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("0", rows[1].Text("[data-outdated]"));

        var editor = await organiser.GetPageAsync($"/organise/{id}/translations/fr");
        Assert.Equal(nameof(TranslationState.Outdated), Row(editor, ElementKey.Consultation, TextField.Title).GetAttribute("data-state"));
        Assert.Contains("Outdated", Row(editor, ElementKey.Consultation, TextField.Title).Text(".translation-state"), StringComparison.Ordinal);
        Assert.Equal(nameof(TranslationState.Done), Row(editor, ElementKey.Section("about"), TextField.Title).GetAttribute("data-state"));

        var todo = await organiser.GetPageAsync($"/organise/{id}/translations/fr?todo=true");
        Assert.True(todo.QuerySelector<IHtmlInputElement>("#todo")!.IsChecked);
        Assert.Null(todo.QuerySelector($"[data-element='{ElementKey.Section("about")}']"));
        Assert.Equal(TextCount - 1, todo.QuerySelectorAll(".translation-row").Length);
    }

    [Fact]
    public async Task Editor_ListsEveryDefaultText_InQuestionnaireOrder_WithTheTargetLanguagesLangAndDirection()
    {
        var id = await DraftAsync(["en", "fr", "ar"]);
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id));

        var page = await organiser.GetPageAsync($"/organise/{id}/translations/ar");

        var order = page.QuerySelectorAll(".translation-row").Select(r => $"{r.GetAttribute("data-element")}/{r.GetAttribute("data-field")}").ToList();
        Assert.Equal([
            "consultation/Title", "consultation/Summary", "section:about/Title",
            "question:sector/Label", "question:sector/Help", "option:sector:academia/Label", "option:sector:industry/Label",
            "question:views/Label", "option:views:agree/Label", "option:views:disagree/Label", "row:views:price/Label",
        ], order);
        // The matrix has no hint in English: nothing to translate from.
        Assert.DoesNotContain("question:views/Help", order);
        var title = Row(page, ElementKey.Consultation, TextField.Title);
        Assert.Equal("en", title.QuerySelector(".translation-source .translation-text")!.GetAttribute("lang"));
        Assert.Equal(Title, title.Text(".translation-source .translation-text"));
        var box = title.QuerySelector("textarea")!;
        Assert.Equal(("ar", "rtl"), (box.GetAttribute("lang"), box.GetAttribute("dir")));
        Assert.NotNull(page.QuerySelector($"label[for='{box.Id}']"));
    }

    [Fact]
    public async Task Saving_StoresTheTranslationWithItsSourceHash_AndIsAudited()
    {
        var id = await DraftAsync(["en", "fr"]);
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id));
        var page = await organiser.GetPageAsync($"/organise/{id}/translations/fr");

        var saved = await SaveAsync(organiser, page, id, "fr", (ElementKey.Consultation, TextField.Title, "L’eau pour tous"));

        await ResponseAssert.RedirectsTo($"/organise/{id}/translations/fr?saved=True", saved);
        var text = await StoredAsync(id, ElementKey.Consultation, TextField.Title, "fr");
        Assert.Equal("L’eau pour tous", text!.Text);
        Assert.Equal(ContentText.Hash(Title), text.SourceHash);
        var audit = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Action == AuditActions.TranslationsSaved && e.ConsultationId == id).ToListAsync());
        Assert.Equal($"{id}/fr", Assert.Single(audit).ObjectId);
        var after = await organiser.GetPageAsync(saved.Headers.Location!.OriginalString);
        Assert.Equal(Localized.Text("en", "Saved."), after.Text("[data-saved]"));
    }

    [Fact]
    public async Task Saving_WritesOnlyTheTextsChanged_LeavingOthersAsSomeoneElseSavedThem()
    {
        var id = await DraftAsync(["en", "fr"], c => c.SetText(ElementKey.Section("about"), TextField.Title, "fr", "À propos"));
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id));
        var page = await organiser.GetPageAsync($"/organise/{id}/translations/fr");
        // Another translator improves a text this person leaves alone.
        await ChangeAsync(id, c => c.SetText(ElementKey.Section("about"), TextField.Title, "fr", "À propos de vous"));

        var saved = await SaveAsync(organiser, page, id, "fr", (ElementKey.Question("sector"), TextField.Label, "Votre secteur"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("À propos de vous", (await StoredAsync(id, ElementKey.Section("about"), TextField.Title, "fr"))!.Text);
        Assert.Equal("Votre secteur", (await StoredAsync(id, ElementKey.Question("sector"), TextField.Label, "fr"))!.Text);
        // The boxes left empty made no rows.
        Assert.Equal(2, await app.WithDbAsync(db => db.ContentTexts.CountAsync(t => t.ConsultationId == id && t.Language == "fr")));
    }

    [Fact]
    public async Task AnOutdatedTranslation_ConfirmedAsStillFitting_IsUpToDateWithItsTextUnchanged()
    {
        var id = await DraftAsync(["en", "fr"], c => c.SetText(ElementKey.Section("about"), TextField.Title, "fr", "À propos de vous"));
        await ChangeAsync(id, c => c.SetText(ElementKey.Section("about"), TextField.Title, "en", "About yourself"));
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id));
        var page = await organiser.GetPageAsync($"/organise/{id}/translations/fr");
        var stillFits = Row(page, ElementKey.Section("about"), TextField.Title).QuerySelector<IHtmlInputElement>("input[type='checkbox']")!;

        var saved = await organiser.SubmitAsync(page, new Dictionary<string, string[]> { [stillFits.Name!] = ["true"] }, formSelector: "#translation-form");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var text = await StoredAsync(id, ElementKey.Section("about"), TextField.Title, "fr");
        Assert.Equal(("À propos de vous", ContentText.Hash("About yourself")), (text!.Text, text.SourceHash));
    }

    [Fact]
    public async Task ATextSomeoneElseSavedMeanwhile_IsNotOverwritten_TheTypedTextIsKept_AndTheOthersSave()
    {
        var id = await DraftAsync(["en", "fr"]);
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id), acceptLanguage: "fr");
        var page = await organiser.GetPageAsync($"/organise/{id}/translations/fr");
        await ChangeAsync(id, c => c.SetText(ElementKey.Consultation, TextField.Title, "fr", "Leur titre"));

        var response = await SaveAsync(organiser, page, id, "fr",
            (ElementKey.Consultation, TextField.Title, "Mon titre"), (ElementKey.Section("about"), TextField.Title, "À propos de vous"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shown = await Html.ParseAsync(response);
        var title = Row(shown, ElementKey.Consultation, TextField.Title);
        Assert.Equal("Mon titre", title.QuerySelector<IHtmlTextAreaElement>("textarea")!.Value);
        Assert.Equal("Leur titre", title.Text("[data-saved-meanwhile] .translation-text"));
        var conflict = Localized.Text("fr", "Someone else saved this text after you opened the page. Their text is shown here; yours is kept in the box, not saved. Save again to replace theirs.");
        Assert.Equal(conflict, title.Text(".field-error"));
        Assert.Contains(conflict, shown.Text("[data-error-summary]"), StringComparison.Ordinal);
        Assert.Equal(Localized.Text("fr", "The other texts are saved."), shown.Text("[data-saved]"));
        Assert.Equal("Leur titre", (await StoredAsync(id, ElementKey.Consultation, TextField.Title, "fr"))!.Text);
        Assert.Equal("À propos de vous", (await StoredAsync(id, ElementKey.Section("about"), TextField.Title, "fr"))!.Text);

        // Saving the re-shown page again replaces their text knowingly.
        var again = await organiser.SubmitAsync(shown, formSelector: "#translation-form");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("Mon titre", (await StoredAsync(id, ElementKey.Consultation, TextField.Title, "fr"))!.Text);
    }

    [Fact]
    public async Task AnOverLongText_IsRefusedWithItsLimit_KeepsWhatWasTyped_AndSavesNothingForIt()
    {
        var id = await DraftAsync(["en", "fr"]);
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id), acceptLanguage: "fr");
        var page = await organiser.GetPageAsync($"/organise/{id}/translations/fr");
        var longTitle = new string('é', ContentLimits.Title + 1);
        var longSummary = new string('a', ContentLimits.LongText + 1);

        var response = await SaveAsync(organiser, page, id, "fr",
            (ElementKey.Consultation, TextField.Title, longTitle), (ElementKey.Consultation, TextField.Summary, longSummary));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shown = await Html.ParseAsync(response);
        var fr = CultureInfo.GetCultureInfo("fr");
        var title = Row(shown, ElementKey.Consultation, TextField.Title);
        Assert.Equal(Localized.Text("fr", "This text must be {0} characters or fewer (it has {1})", "300", "301"), title.Text(".field-error"));
        Assert.Equal(longTitle, title.QuerySelector<IHtmlTextAreaElement>("textarea")!.Value);
        Assert.Equal(Localized.Text("fr", "This text must be {0} characters or fewer (it has {1})",
                ContentLimits.LongText.ToString("N0", fr), (ContentLimits.LongText + 1).ToString("N0", fr)),
            Row(shown, ElementKey.Consultation, TextField.Summary).Text(".field-error"));
        Assert.Equal(0, await app.WithDbAsync(db => db.ContentTexts.CountAsync(t => t.ConsultationId == id && t.Language == "fr")));
        Assert.Null(shown.QuerySelector("[data-saved]"));
    }

    [Fact]
    public async Task ATranslator_TranslatesTheirLanguageOnly_AnotherIsForbiddenToReadAndToSave()
    {
        var id = await DraftAsync(["en", "fr", "ar"]);
        var translator = await app.SignedInAsync(await MemberAsync(id, MemberRole.Translator, "fr"));

        var overview = await translator.GetPageAsync($"/organise/{id}/translations");
        Assert.NotNull(overview.QuerySelector("[data-language='fr'] a"));
        Assert.Null(overview.QuerySelector("[data-language='ar'] a"));
        Assert.Null(overview.QuerySelector(".nav-tabs"));
        Assert.Equal(HttpStatusCode.Forbidden, (await translator.GetAsync($"/organise/{id}/translations/ar")).StatusCode);

        var french = await translator.GetPageAsync($"/organise/{id}/translations/fr");
        var form = french.QuerySelector<IHtmlFormElement>("#translation-form")!;
        var values = Html.FormValues(form, new Dictionary<string, string[]>
        {
            [Row(french, ElementKey.Consultation, TextField.Title).QuerySelector("textarea")!.GetAttribute("name")!] = ["عنوان"],
        });
        var refused = await translator.PostAsync($"/organise/{id}/translations/ar", new FormUrlEncodedContent(values));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Null(await StoredAsync(id, ElementKey.Consultation, TextField.Title, "ar"));

        var saved = await SaveAsync(translator, french, id, "fr", (ElementKey.Consultation, TextField.Title, "L’eau pour tous"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("L’eau pour tous", (await StoredAsync(id, ElementKey.Consultation, TextField.Title, "fr"))!.Text);
    }

    [Fact]
    public async Task SomeoneOffTheTeam_IsForbidden()
    {
        var id = await DraftAsync(["en", "fr"]);
        var outsider = await app.SignedInAsync(await app.CreateStaffAsync(StaffRoles.Organiser));
        var analyst = await app.SignedInAsync(await MemberAsync(id, MemberRole.Analyst));

        foreach (var client in new[] { outsider, analyst })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/organise/{id}/translations")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/organise/{id}/translations/fr")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync($"/organise/{id}/translations/fr", new FormUrlEncodedContent([]))).StatusCode);
        }
    }

    [Fact]
    public async Task TheDefaultLanguage_AndALanguageNotOffered_AreNotFound()
    {
        var id = await DraftAsync(["en", "fr"]);
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id));

        // The default language's texts are written in the questionnaire and the settings, not translated.
        Assert.Equal(HttpStatusCode.NotFound, (await organiser.GetAsync($"/organise/{id}/translations/en")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await organiser.GetAsync($"/organise/{id}/translations/de")).StatusCode);
        var overview = await organiser.GetPageAsync($"/organise/{id}/translations");
        Assert.Null(overview.QuerySelector("[data-language='en']"));
    }

    [Fact]
    public async Task WithoutTheAntiforgeryToken_NothingIsSaved()
    {
        var id = await DraftAsync(["en", "fr"]);
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id));
        var page = await organiser.GetPageAsync($"/organise/{id}/translations/fr");
        var form = page.QuerySelector<IHtmlFormElement>("#translation-form")!;
        var values = Html.FormValues(form, new Dictionary<string, string[]>
        {
            [Row(page, ElementKey.Consultation, TextField.Title).QuerySelector("textarea")!.GetAttribute("name")!] = ["L’eau pour tous"],
        }).Where(v => v.Key != "__RequestVerificationToken");

        var response = await organiser.PostAsync($"/organise/{id}/translations/fr", new FormUrlEncodedContent(values));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(await StoredAsync(id, ElementKey.Consultation, TextField.Title, "fr"));
    }

    [Fact]
    public async Task OnALiveConsultation_ASavedTranslation_IsANewVersionRespondentsSeeAtOnce()
    {
        var id = await DraftAsync(["en", "fr"], c =>
        {
            foreach (var text in c.TranslatableTexts())
                c.SetText(text.ElementKey, text.Field, "fr", "FR " + text.DefaultText);
            c.Publish(app.Clock.GetUtcNow());
        });
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id));
        var page = await organiser.GetPageAsync($"/organise/{id}/translations/fr");

        var saved = await SaveAsync(organiser, page, id, "fr", (ElementKey.Question("sector"), TextField.Label, "Votre secteur d’activité"));

        await ResponseAssert.RedirectsTo($"/organise/{id}/translations/fr?saved=True&version=2", saved);
        var after = await organiser.GetPageAsync(saved.Headers.Location!.OriginalString);
        Assert.Equal(Localized.Text("en", "Saved. Stakeholders see these texts now (version {0}).", 2), after.Text("[data-saved]"));
        Assert.Equal(2, await app.WithDbAsync(db => db.QuestionnaireVersions.CountAsync(v => v.ConsultationId == id)));
        var slug = await app.WithDbAsync(db => db.Consultations.Where(c => c.Id == id).Select(c => c.Slug).SingleAsync());
        var answer = await app.Respondent("fr").GetPageAsync($"/c/{slug}/answer");
        Assert.Contains("Votre secteur d’activité", answer.Text("main"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATwoLanguageDraft_BecomesPublishable_OnceTheEditorFilledEveryText()
    {
        var id = await DraftAsync(["en", "fr"]);
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id));
        var publish = $"/organise/{id}/publish";
        Assert.NotNull((await organiser.GetPageAsync(publish)).QuerySelector("[data-error-summary]"));

        var page = await organiser.GetPageAsync($"/organise/{id}/translations/fr");
        var everything = page.QuerySelectorAll(".translation-row").Select(row => (
            row.GetAttribute("data-element")!, Enum.Parse<TextField>(row.GetAttribute("data-field")!),
            "FR " + row.Text(".translation-source .translation-text"))).ToArray();
        await ResponseAssert.RedirectsTo($"/organise/{id}/translations/fr?saved=True", await SaveAsync(organiser, page, id, "fr", everything));

        var ready = await organiser.GetPageAsync(publish);
        Assert.Null(ready.QuerySelector("[data-error-summary]"));
        await ResponseAssert.RedirectsTo($"/organise/{id}", await organiser.SubmitAsync(ready, formSelector: "main form", pagePath: publish));
        Assert.Equal(ConsultationStatus.Open, await app.WithDbAsync(db => db.Consultations.Where(c => c.Id == id).Select(c => c.Status).SingleAsync()));
        var progress = await organiser.GetPageAsync($"/organise/{id}/translations");
        Assert.Equal("0", progress.Text("[data-language='fr'] [data-missing]"));
    }

    /// <summary>How many texts the draft below has in English: everything but the matrix's hint.</summary>
    private const int TextCount = 11;

    /// <summary>
    /// A draft in English with a title, summary, a section, a choice question with a hint and two options, and a matrix
    /// with a scale and one statement; <paramref name="more"/> adds to it before it is stored.
    /// </summary>
    private Task<Guid> DraftAsync(string[] languages, Action<Consultation>? more = null) => app.WithDbAsync(async db =>
    {
        var c = Consultation.Create($"tr-{Guid.NewGuid():N}"[..20], "en", languages, AccessMode.PublicLink,
            isAnonymous: false, estimatedMinutes: 5, app.Clock.GetUtcNow());
        c.SetText(ElementKey.Consultation, TextField.Title, "en", Title);
        c.SetText(ElementKey.Consultation, TextField.Summary, "en", "Tell us how *you* get water.\n\n- at home\n- at work");
        var about = c.AddSection("about");
        c.SetText(ElementKey.Section("about"), TextField.Title, "en", "About you");
        var sector = about.AddQuestion(c, "sector", QuestionType.SingleChoice, true);
        c.SetText(ElementKey.Question("sector"), TextField.Label, "en", "Your sector");
        c.SetText(ElementKey.Question("sector"), TextField.Help, "en", "Choose the closest.");
        sector.AddOption("academia");
        c.SetText(ElementKey.Option("sector", "academia"), TextField.Label, "en", "Academia");
        sector.AddOption("industry");
        c.SetText(ElementKey.Option("sector", "industry"), TextField.Label, "en", "Industry");
        var views = about.AddQuestion(c, "views", QuestionType.Matrix, false);
        c.SetText(ElementKey.Question("views"), TextField.Label, "en", "Your views");
        c.SetText(ElementKey.Question("views"), TextField.Help, "en", "");
        views.AddOption("agree");
        c.SetText(ElementKey.Option("views", "agree"), TextField.Label, "en", "Agree");
        views.AddOption("disagree");
        c.SetText(ElementKey.Option("views", "disagree"), TextField.Label, "en", "Disagree");
        views.AddRow("price");
        c.SetText(ElementKey.Row("views", "price"), TextField.Label, "en", "Water is affordable");
        more?.Invoke(c);
        db.Consultations.Add(c);
        await db.SaveChangesAsync();
        return c.Id;
    });

    private Task ChangeAsync(Guid id, Action<Consultation> change) => app.WithDbAsync(async db =>
    {
        var consultation = await db.Consultations.Include(c => c.Texts).SingleAsync(c => c.Id == id);
        change(consultation);
        await db.SaveChangesAsync();
    });

    private Task<ContentText?> StoredAsync(Guid id, string elementKey, TextField field, string language) => app.WithDbAsync(db =>
        db.ContentTexts.AsNoTracking().SingleOrDefaultAsync(t => t.ConsultationId == id && t.ElementKey == elementKey && t.Field == field && t.Language == language));

    private async Task<string> MemberAsync(Guid id, MemberRole role, params string[] languages)
    {
        var email = await app.CreateStaffAsync(role == MemberRole.Translator ? StaffRoles.Translator : StaffRoles.Analyst);
        await app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            var consultation = await db.Consultations.SingleAsync(c => c.Id == id);
            db.ConsultationMembers.Add(ConsultationMember.Add(consultation, user.Id, role, app.Clock.GetUtcNow(), languages));
            await db.SaveChangesAsync();
        });
        return email;
    }

    private static IElement Row(IParentNode page, string elementKey, TextField field) =>
        page.QuerySelector($".translation-row[data-element='{elementKey}'][data-field='{field}']")
        ?? throw new InvalidOperationException($"No row for {elementKey} ({field}).");

    /// <summary>Types into the boxes of the given texts and saves the page, as a browser without scripts would.</summary>
    private static Task<HttpResponseMessage> SaveAsync(HttpClient client, IHtmlDocument page, Guid id, string language,
        params (string ElementKey, TextField Field, string Text)[] typed)
    {
        var answers = typed.ToDictionary(t => Row(page, t.ElementKey, t.Field).QuerySelector("textarea")!.GetAttribute("name")!, t => new[] { t.Text });
        var form = page.QuerySelector<IHtmlFormElement>("#translation-form")!;
        Assert.StartsWith($"/organise/{id}/translations/{language}", form.GetAttribute("action"), StringComparison.Ordinal);
        return client.SubmitAsync(page, answers, formSelector: "#translation-form");
    }
}
