namespace Consultation.Tests.Pages.Organise.Preview;

using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Consultation.Tests.Support;
using Consultation.Web.Data;
using Consultation.Web.Demo;
using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;

/// <summary>The preview: the working copy as respondents see it, in any offered language, checked on the server and never stored.</summary>
public sealed class PreviewPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task ADraftPreviewedInItsSecondLanguage_ShowsThatLanguagesTexts_UnderAPreviewBanner()
    {
        var id = await DraftAsync(app);
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id));

        var page = await organiser.GetPageAsync($"/organise/{id}/preview?language=fr");

        Assert.Equal(Localized.Text("en", "Preview: this is what respondents see. Nothing you enter here is saved."), page.Text("#preview-banner-title"));
        var content = page.QuerySelector("[data-preview-content]")!;
        Assert.Equal("fr", content.GetAttribute("lang"));
        Assert.Equal("De l’eau pour tous", content.Text("h1"));
        Assert.Contains("Une consultation sur l’eau.", content.Text(".lead-paragraph"), StringComparison.Ordinal);
        Assert.Equal("À propos de vous", content.Text("h2#section-about"));
        Assert.Contains("Pouvons-nous vous contacter ?", content.Text("#question-contact_ok legend"), StringComparison.Ordinal);
        // A respondent reading French gets the French interface too: the same words as on the answer page.
        Assert.Equal(Localized.Text("fr", "Section {0} of {1}", 1, 1), content.Text(".section-progress"));
        var links = page.QuerySelectorAll("nav[aria-labelledby=preview-languages] a").ToList();
        Assert.Equal(["English", "Français"], links.Select(a => a.TextContent.Trim()));
        Assert.Equal("page", links[1].GetAttribute("aria-current"));
        Assert.Equal($"/organise/{id}/preview?language=en", links[0].GetAttribute("href"));
    }

    [Fact]
    public async Task WithoutALanguage_ThePreviewIsInTheDefaultLanguage_AndAnUnofferedOneFallsBackToIt()
    {
        var id = await DraftAsync(app);
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id));

        var plain = await organiser.GetPageAsync($"/organise/{id}/preview");
        var unoffered = await organiser.GetPageAsync($"/organise/{id}/preview?language=ja");

        Assert.Equal("Water for everyone", plain.Text("[data-preview-content] h1"));
        Assert.Equal("Water for everyone", unoffered.Text("[data-preview-content] h1"));
        Assert.Equal("en", unoffered.QuerySelector("[data-preview-content]")!.GetAttribute("lang"));
        Assert.Contains(Localized.Text("en", "This consultation is not offered in “{0}”: here it is in its default language.", "ja"),
            unoffered.Text(".preview-banner"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AConditionsTargetQuestion_IsRenderedWithItsCondition_ForTheScriptsToHideAndShow()
    {
        var id = await DraftAsync(app);
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id));

        var page = await organiser.GetPageAsync($"/organise/{id}/preview?language=fr");

        Assert.Equal("contact_ok = 'yes'", page.QuerySelector("div.question[data-question='email']")!.GetAttribute("data-show-if"));
        Assert.Null(page.QuerySelector("div.question[data-question='contact_ok']")!.GetAttribute("data-show-if"));
        var scripts = page.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!).ToList();
        Assert.Contains(scripts, s => s.StartsWith("/js/conditions.", StringComparison.Ordinal));
        Assert.Contains(scripts, s => s.StartsWith("/js/show-if.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InvalidAnswers_ShowTheRespondentsLocalizedErrors_AndStoreNothing()
    {
        var id = await DraftAsync(app);
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id));
        var page = await organiser.GetPageAsync($"/organise/{id}/preview?language=fr");
        var before = await RowsAsync(app);

        var checkedPage = await Html.ParseAsync(await organiser.SubmitAsync(page, new Dictionary<string, string[]> { ["contact_ok"] = ["yes"], ["email"] = ["not an address"] },
            formSelector: "#preview-form"));
        var asTest = await organiser.SubmitAsync(page, new Dictionary<string, string[]> { ["contact_ok"] = ["yes"] },
            formSelector: "#preview-form", submitter: page.QuerySelector<IHtmlButtonElement>("button[name=asTest]"));

        var summary = checkedPage.QuerySelectorAll("[data-error-summary] li a").Select(a => a.TextContent).ToList();
        Assert.Contains(summary, t => t.Contains(Localized.Text("fr", "Select an answer"), StringComparison.Ordinal));
        Assert.Contains(summary, t => t.Contains(Localized.Text("fr", "Enter an email address in the correct format, like name@example.com"), StringComparison.Ordinal));
        Assert.True(checkedPage.QuerySelector("[name='a.contact_ok'][value='yes']")!.HasAttribute("checked"));
        Assert.Equal(HttpStatusCode.OK, asTest.StatusCode);
        Assert.NotNull((await Html.ParseAsync(asTest)).QuerySelector("[data-error-summary]"));
        Assert.Equal(before, await RowsAsync(app));
    }

    [Fact]
    public async Task ValidAnswers_AreSaidToBeValid_AndNothingIsStored_NotEvenAnUploadedFile()
    {
        var id = (await app.EveryTypeAsync()).Id;
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id));
        var page = await organiser.GetPageAsync($"/organise/{id}/preview");
        Assert.Equal("multipart/form-data", page.QuerySelector("#preview-form")!.GetAttribute("enctype"));
        var before = await RowsAsync(app);

        var response = await organiser.SubmitWithFilesAsync(page, TestConsultations.EveryTypeAnswers(),
            new Dictionary<string, (string, byte[])> { ["a.paper"] = ("paper.pdf", TestConsultations.Pdf()) }, formSelector: "#preview-form");

        var result = await Html.ParseAsync(response);
        Assert.Null(result.QuerySelector("[data-error-summary]"));
        Assert.Equal(Localized.Text("en", "These answers are valid: a respondent could submit them. Nothing was stored."), result.Text("[data-preview-outcome]"));
        Assert.Equal(before, await RowsAsync(app));
    }

    [Fact]
    public async Task AnAnalystAndATranslatorOfTheTeam_MayPreview_AnOutsiderMayNot()
    {
        var id = await DraftAsync(app);
        var analyst = await app.SignedInAsync(await app.AnalystOfAsync(id));
        var translator = await app.SignedInAsync(await MemberAsync(app, id, MemberRole.Translator, "fr"));
        var outsider = await app.SignedInAsync(await app.CreateStaffAsync(StaffRoles.Organiser));

        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync($"/organise/{id}/preview")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await translator.GetAsync($"/organise/{id}/preview?language=fr")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"/organise/{id}/preview")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.PostAsync($"/organise/{id}/preview", new FormUrlEncodedContent([]))).StatusCode);
    }

    [Fact]
    public async Task APostWithoutItsAntiforgeryToken_IsRefused()
    {
        var id = await DraftAsync(app);
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id));
        var before = await RowsAsync(app);

        var response = await organiser.PostAsync($"/organise/{id}/preview?language=fr", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["a.sector"] = "academia", ["a.contact_ok"] = "no", ["asTest"] = "true",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await RowsAsync(app));
    }

    [Fact]
    public async Task AnUnknownConsultation_IsNotFound()
    {
        var admin = await app.SignedInAsync(DemoSeeder.AdminEmail);

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/organise/{Guid.NewGuid()}/preview")).StatusCode);
    }

    /// <summary>What a preview must never create: responses, files, versions, invitation changes, emails.</summary>
    internal static Task<string> RowsAsync(AppFactory app) => app.WithDbAsync(async db =>
        string.Join(", ",
            await db.Responses.CountAsync(),
            await db.UploadedFiles.CountAsync(),
            await db.QuestionnaireVersions.IgnoreQueryFilters().CountAsync(),
            string.Join("/", (await db.Invitations.OrderBy(i => i.Id).Select(i => new { i.Status, i.OpenedAt }).ToListAsync()).Select(i => $"{i.Status} {i.OpenedAt:O}")),
            await db.OutboundEmails.CountAsync()));

    internal static async Task<string> MemberAsync(AppFactory app, Guid consultationId, MemberRole role, params string[] languages)
    {
        var email = await app.CreateStaffAsync(role == MemberRole.Translator ? StaffRoles.Translator : StaffRoles.Analyst);
        await app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            var consultation = await db.Consultations.SingleAsync(c => c.Id == consultationId);
            db.ConsultationMembers.Add(ConsultationMember.Add(consultation, user.Id, role, app.Clock.GetUtcNow(), languages));
            await db.SaveChangesAsync();
        });
        return email;
    }

    /// <summary>
    /// A draft in English and French: a sector choice, "may we contact you?", and an email address asked only when
    /// the answer is yes. Returns its id.
    /// </summary>
    public static Task<Guid> DraftAsync(AppFactory app) => app.WithDbAsync(async db =>
    {
        var c = Consultation.Create($"preview-{Guid.NewGuid():N}"[..20], "en", ["en", "fr"],
            AccessMode.PublicLink, isAnonymous: false, estimatedMinutes: 5, app.Clock.GetUtcNow());
        void Text(string key, TextField field, string en, string fr)
        {
            c.SetText(key, field, "en", en);
            c.SetText(key, field, "fr", fr);
        }
        Text(ElementKey.Consultation, TextField.Title, "Water for everyone", "De l’eau pour tous");
        Text(ElementKey.Consultation, TextField.Summary, "A consultation about water.", "Une consultation sur l’eau.");
        var about = c.AddSection("about");
        Text(ElementKey.Section("about"), TextField.Title, "About you", "À propos de vous");
        var sector = about.AddQuestion(c, "sector", QuestionType.SingleChoice, true);
        Text(ElementKey.Question("sector"), TextField.Label, "Your sector", "Votre secteur");
        sector.AddOption("academia", Sector.Academia);
        Text(ElementKey.Option("sector", "academia"), TextField.Label, "Research", "Recherche");
        sector.AddOption("ngo", Sector.CivilSociety);
        Text(ElementKey.Option("sector", "ngo"), TextField.Label, "Civil society", "Société civile");
        about.AddQuestion(c, "contact_ok", QuestionType.YesNo, true);
        Text(ElementKey.Question("contact_ok"), TextField.Label, "May we contact you?", "Pouvons-nous vous contacter ?");
        about.AddQuestion(c, "email", QuestionType.Email, true);
        Text(ElementKey.Question("email"), TextField.Label, "Email address", "Adresse e-mail");
        c.SetCondition("email", "contact_ok = 'yes'");
        db.Consultations.Add(c);
        await db.SaveChangesAsync();
        return c.Id;
    });
}
