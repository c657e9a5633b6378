namespace Consultation.Tests.Pages.Organise.Emails;

using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Consultation.Tests.Support;
using Consultation.Web.Domain;
using Consultation.Web.Localization;
using Microsoft.EntityFrameworkCore;

/// <summary>The organiser words the invitation, is refused a placeholder by name, and sees what each language will receive.</summary>
public sealed class EmailsPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string OwnBody = "Dear {name},\n\nPlease tell us about water before {deadline}:\n{link}";

    [Fact]
    public async Task Preview_ShowsEachOfferedLanguage_WithTheFallbackSentenceInTheReadersLanguage_WhereTheTranslationIsMissing()
    {
        var id = await DraftAsync(["en", "fr", "ja"], c =>
        {
            c.WordEmail(EmailKind.Invitation, "Water: {title}", OwnBody);
            c.Translate(ElementKey.Email(EmailKind.Invitation), TextField.Subject, "fr", "L’eau : {title}");
            c.Translate(ElementKey.Email(EmailKind.Invitation), TextField.Body, "fr", "Bonjour {name},\n\nVotre lien : {link}");
        });
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id));

        var page = await organiser.GetPageAsync($"/organise/{id}/emails");

        var previews = page.QuerySelectorAll("[data-preview]").ToList();
        Assert.Equal(["en", "fr", "ja"], previews.Select(p => p.GetAttribute("data-preview")));
        Assert.Equal("Water: Water for everyone", previews[0].Text("[data-preview-subject]"));
        Assert.Equal(nameof(EmailFallback.None), previews[1].GetAttribute("data-fallback"));
        Assert.Equal("L’eau : Water for everyone", previews[1].Text("[data-preview-subject]"));
        Assert.Contains($"Bonjour {Localized.Text("fr", "Alex Example")},", previews[1].Text("[data-preview-body]"), StringComparison.Ordinal);
        var japanese = previews[2];
        Assert.Equal(nameof(EmailFallback.NotTranslated), japanese.GetAttribute("data-fallback"));
        Assert.StartsWith(Localized.Text("ja", "This email is in {0}: it has not been translated into {1} yet.", Name("en", "ja"), Name("ja", "ja")),
            japanese.Text("[data-preview-body]"), StringComparison.Ordinal);
        Assert.Contains($"Dear {Localized.Text("ja", "Alex Example")},", japanese.Text("[data-preview-body]"), StringComparison.Ordinal);
        Assert.Contains("/r/", japanese.Text("[data-preview-body]"), StringComparison.Ordinal);
        Assert.Equal(EmailTexts.Placeholders.Count, page.QuerySelectorAll("[data-placeholder-list] dt").Length);
    }

    [Fact]
    public async Task AConsultationWithoutEmailTexts_ShowsTheDefaultWording_AndItsFirstSaveStoresItInEveryLanguageTheInterfaceSpeaks()
    {
        var id = await DraftAsync(["en", "ko", "de"]);
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id));

        var page = await organiser.GetPageAsync($"/organise/{id}/emails");
        Assert.Equal(Localized.Text("en", "Default invitation subject"), page.QuerySelector<IHtmlInputElement>("#Input_Subject")!.Value);
        Assert.Equal(nameof(EmailFallback.NotTranslated), page.QuerySelector("[data-preview='de']")!.GetAttribute("data-fallback"));
        await ResponseAssert.RedirectsTo($"/organise/{id}/emails?saved=True",
            await organiser.SubmitAsync(page, new Dictionary<string, string[]> { ["Input.ContactEmail"] = ["water@example.org"] }, "#emails-form", pagePath: $"/organise/{id}/emails"));

        var stored = await app.WithDbAsync(db => db.Consultations.Include(c => c.Texts).AsNoTracking().SingleAsync(c => c.Id == id));
        Assert.Equal("water@example.org", stored.ContactEmail);
        Assert.Equal(Localized.Text("ko", "Default invitation body"), stored.EmailIn(EmailKind.Invitation, "ko")!.Body);
        Assert.Null(stored.EmailIn(EmailKind.Invitation, "de"));
        Assert.Equal(2, stored.ProgressIn("de").Missing - stored.ProgressIn("ko").Missing);
    }

    [Theory]
    [InlineData("Input.Body", "Hello {nom}, here: {link}", "{nom}")]
    [InlineData("Input.Body", "Hello {name}, please answer soon.", "{link}")]
    [InlineData("Input.Subject", "Invitation to {titre}", "{titre}")]
    public async Task Save_RefusesAnUnknownOrMissingPlaceholder_NamingIt_InTheReadersLanguage_AndStoresNothing(string field, string typed, string named)
    {
        var id = await DraftAsync(["en", "fr"], c => c.WordEmail(EmailKind.Invitation, "Water: {title}", OwnBody));
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id), acceptLanguage: "fr");
        var page = await organiser.GetPageAsync($"/organise/{id}/emails");

        var response = await organiser.SubmitAsync(page, new Dictionary<string, string[]> { [field] = [typed] }, "#emails-form", pagePath: $"/organise/{id}/emails");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shown = await Html.ParseAsync(response);
        var error = shown.Text($"[data-valmsg-for='{field}']");
        var expected = named == "{link}"
            ? Localized.Text("fr", EmailTexts.Messages.Missing, named)
            : Localized.Text("fr", EmailTexts.Messages.Unknown, named, string.Join(", ", EmailTexts.Placeholders.Select(EmailTexts.Braces)));
        Assert.Equal(expected, error);
        Assert.Equal(typed, field == "Input.Body" ? shown.QuerySelector<IHtmlTextAreaElement>("#Input_Body")!.Value : shown.QuerySelector<IHtmlInputElement>("#Input_Subject")!.Value);
        var stored = await app.WithDbAsync(db => db.Consultations.Include(c => c.Texts).AsNoTracking().SingleAsync(c => c.Id == id));
        Assert.Equal(new EmailWording("Water: {title}", OwnBody), stored.EmailIn(EmailKind.Invitation, "en"));
    }

    [Fact]
    public async Task Save_OverWordingSomeoneElseSavedMeanwhile_IsRefusedKeepingWhatWasTyped_AndSavingAgainReplacesIt()
    {
        var id = await DraftAsync(["en"], c => c.WordEmail(EmailKind.Invitation, "Water: {title}", OwnBody));
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id));
        var path = $"/organise/{id}/emails";
        var page = await organiser.GetPageAsync(path);
        await app.WithDbAsync(async db =>
        {
            var c = await db.Consultations.Include(x => x.Texts).SingleAsync(x => x.Id == id);
            c.WordEmail(EmailKind.Invitation, "Theirs: {title}", OwnBody);
            await db.SaveChangesAsync();
        });

        var refused = await organiser.SubmitAsync(page, new Dictionary<string, string[]> { ["Input.Subject"] = ["Mine: {title}"] }, "#emails-form", pagePath: path);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var shown = await Html.ParseAsync(refused);
        Assert.Contains(Localized.Text("en", "Someone else saved changes to this consultation while you were editing. Nothing you typed here was saved: check it below and save again to replace their changes."),
            shown.Text("[data-error-summary]"), StringComparison.Ordinal);
        Assert.Equal("Mine: {title}", shown.QuerySelector<IHtmlInputElement>("#Input_Subject")!.Value);
        Assert.Equal("Theirs: {title}", await SubjectAsync(id));
        await ResponseAssert.RedirectsTo($"{path}?saved=True", await organiser.SubmitAsync(shown, formSelector: "#emails-form", pagePath: path));
        Assert.Equal("Mine: {title}", await SubjectAsync(id));
    }

    private Task<string?> SubjectAsync(Guid id) => app.WithDbAsync(async db =>
        (await db.Consultations.Include(c => c.Texts).AsNoTracking().SingleAsync(c => c.Id == id)).EmailIn(EmailKind.Invitation, "en")?.Subject);

    [Fact]
    public async Task TranslationEditor_ShowsTheSourcesPlaceholders_AndRefusesATranslationThatLosesOrInventsOne_NamingIt()
    {
        var id = await DraftAsync(["en", "fr"], c => c.WordEmail(EmailKind.Invitation, "Water: {title}", OwnBody));
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id));
        var path = $"/organise/{id}/translations/fr";
        var editor = await organiser.GetPageAsync(path);
        var row = editor.QuerySelector($"[data-element='{ElementKey.Email(EmailKind.Invitation)}'][data-field='Body']")!;
        Assert.Equal(Localized.Text("en", "Placeholders to keep exactly as written: {0}", "{name} {deadline} {link}"), row.Text("[data-placeholders]"));
        var box = row.QuerySelector("textarea")!.GetAttribute("name")!;

        foreach (var (typed, named) in new[] { ("Bonjour {name}, répondez avant le {deadline}.", "{link}"), ("Bonjour {nom} : {link}", "{nom}") })
        {
            var response = await organiser.SubmitAsync(editor, new Dictionary<string, string[]> { [box] = [typed] }, "#translation-form");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var shown = await Html.ParseAsync(response);
            var problem = shown.QuerySelector($"[data-element='{ElementKey.Email(EmailKind.Invitation)}'][data-field='Body'] .field-error")!.TextContent;
            Assert.Contains(named, problem, StringComparison.Ordinal);
            Assert.Equal(typed, shown.QuerySelector<IHtmlTextAreaElement>($"textarea[name='{box}']")!.Value);
        }
        var stored = await app.WithDbAsync(db => db.Consultations.Include(c => c.Texts).AsNoTracking().SingleAsync(c => c.Id == id));
        Assert.Null(stored.TextIn(ElementKey.Email(EmailKind.Invitation), TextField.Body, "fr"));
    }

    private static string Name(string tag, string reader)
    {
        using (CultureScope.ForRespondent(reader))
            return CultureInfo.GetCultureInfo(tag).DisplayName;
    }

    private Task<Guid> DraftAsync(string[] languages, Action<Consultation>? more = null) => app.WithDbAsync(async db =>
    {
        var c = Consultation.Create($"em-{Guid.NewGuid():N}"[..20], "en", languages, AccessMode.InvitedOnly,
            isAnonymous: false, estimatedMinutes: 5, app.Clock.GetUtcNow());
        c.SetText(ElementKey.Consultation, TextField.Title, "en", "Water for everyone");
        var about = c.AddSection("about");
        c.SetText(ElementKey.Section("about"), TextField.Title, "en", "About you");
        about.AddQuestion(c, "views", QuestionType.LongText, false);
        c.SetText(ElementKey.Question("views"), TextField.Label, "en", "Your views");
        more?.Invoke(c);
        db.Consultations.Add(c);
        await db.SaveChangesAsync();
        return c.Id;
    });
}
