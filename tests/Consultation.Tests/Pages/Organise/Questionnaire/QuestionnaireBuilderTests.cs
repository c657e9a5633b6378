namespace Consultation.Tests.Pages.Organise.Questionnaire;

using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Consultation.Tests.Support;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>An organiser builds a draft questionnaire through the pages: sections, questions, options, codes, conditions.</summary>
public sealed class QuestionnaireBuilderTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task AddingASectionAndAQuestion_GivesThemCodesFromTheirText_AndOpensTheQuestion()
    {
        var (organiser, id) = await DraftAsync();

        var question = await AddQuestionAsync(organiser, id, "Scope and definitions", "Type of respondent", QuestionType.SingleChoice);

        Assert.Equal($"/organise/{id}/questions/type_of_respondent", question);
        var stored = await LoadAsync(id);
        Assert.Equal("scope_and_definitions", stored.Sections.Single().Code);
        Assert.Equal("Type of respondent", stored.DefaultText(ElementKey.Question("type_of_respondent"), TextField.Label));
        Assert.Equal(2, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.ObjectId!.StartsWith(id.ToString()))));
    }

    [Fact]
    public async Task Options_AreAddedWithCodes_Reordered_AndRemoved_KeepingWhatWasTyped()
    {
        var (organiser, id) = await DraftAsync();
        var path = await AddQuestionAsync(organiser, id, "About you", "Which topics matter?", QuestionType.MultipleChoice);

        var page = await organiser.GetPageAsync(path);
        await ResponseAssert.RedirectsTo($"/organise/{id}/questionnaire#question-which_topics_matter", await organiser.SubmitAsync(page, new Dictionary<string, string[]>
        {
            ["Input.Options[0].Label"] = ["Biosecurity"],
            ["Input.Options[1].Label"] = ["Cyber security"],
            ["Input.Options[2].Label"] = ["Évaluations"],
            ["Input.Help"] = ["Choose all that apply"],
        }, formSelector: "form.builder-form", pagePath: path, submitter: Button(page, "save")));
        var ordering = await organiser.GetPageAsync(path);
        await ResponseAssert.RedirectsTo($"{path}#options", await organiser.SubmitAsync(ordering, formSelector: "form.builder-form", pagePath: path,
            submitter: Button(ordering, "option-down:biosecurity")));

        var question = (await LoadAsync(id)).FindQuestion("which_topics_matter");
        Assert.Equal(["cyber_security", "biosecurity", "evaluations"], question.Options.OrderBy(o => o.Position).Select(o => o.Code));

        var removing = await organiser.GetPageAsync(path);
        await organiser.SubmitAsync(removing, new Dictionary<string, string[]> { ["Input.Help"] = ["Pick the ones you work on"] },
            formSelector: "form.builder-form", pagePath: path, submitter: Button(removing, "option-remove:cyber_security"));
        var after = await LoadAsync(id);
        Assert.Equal(["biosecurity", "evaluations"], after.FindQuestion("which_topics_matter").Options.OrderBy(o => o.Position).Select(o => o.Code));
        Assert.Null(after.DefaultText(ElementKey.Option("which_topics_matter", "cyber_security"), TextField.Label));
        Assert.Equal("Pick the ones you work on", after.DefaultText(ElementKey.Question("which_topics_matter"), TextField.Help));
    }

    [Fact]
    public async Task ADuplicateCode_IsRefusedInWords_AndKeepsEverythingTyped()
    {
        var (organiser, id) = await DraftAsync();
        await AddQuestionAsync(organiser, id, "First", "Your country", QuestionType.ShortText);
        var path = await AddQuestionAsync(organiser, id, "First", "Your organisation", QuestionType.ShortText, sectionExists: true);

        var page = await organiser.GetPageAsync(path);
        var refused = await organiser.SubmitAsync(page, new Dictionary<string, string[]>
        {
            ["Input.Code"] = ["your_country"],
            ["Input.Label"] = ["Your organisation's <script>alert(1)</script> name"],
        }, formSelector: "form.builder-form", pagePath: path, submitter: Button(page, "save"));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var shown = await Html.ParseAsync(refused);
        Assert.Contains("The code 'your_country' is already used in this consultation.", shown.Text("[data-error-summary]"), StringComparison.Ordinal);
        Assert.Equal("Your organisation's <script>alert(1)</script> name", shown.QuerySelector<IHtmlInputElement>("#Input_Label")!.Value);
        Assert.Null(shown.QuerySelector("main script"));
        Assert.Equal("Your organisation", (await LoadAsync(id)).DefaultText(ElementKey.Question("your_organisation"), TextField.Label));
    }

    [Fact]
    public async Task AChoiceQuestionWithoutOptions_IsRefusedInWords()
    {
        var (organiser, id) = await DraftAsync();
        var path = await AddQuestionAsync(organiser, id, "First", "Which sector?", QuestionType.SingleChoice);
        var page = await organiser.GetPageAsync(path);

        var refused = await organiser.SubmitAsync(page, new Dictionary<string, string[]> { ["Input.IsRequired"] = ["true"] },
            formSelector: "form.builder-form", pagePath: path, submitter: Button(page, "save"));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Add at least one option", (await Html.ParseAsync(refused)).Text("[data-error-summary]"), StringComparison.Ordinal);
        Assert.False((await LoadAsync(id)).FindQuestion("which_sector").IsRequired);
    }

    [Fact]
    public async Task AChangeWithoutTheFormsAntiforgeryToken_IsRefused_AndChangesNothing()
    {
        var (organiser, id) = await DraftAsync();
        var path = await AddQuestionAsync(organiser, id, "First", "Alpha", QuestionType.ShortText);

        var forged = await organiser.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Code"] = "alpha",
            ["Input.Label"] = "Changed by a forged form",
            ["Command"] = "save",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("Alpha", (await LoadAsync(id)).DefaultText(ElementKey.Question("alpha"), TextField.Label));
    }

    [Fact]
    public async Task ASectionsTitleAndCode_AreChangedOnItsPage()
    {
        var (organiser, id) = await DraftAsync();
        await AddQuestionAsync(organiser, id, "First part", "Alpha", QuestionType.ShortText);
        var path = $"/organise/{id}/sections/first_part";
        var page = await organiser.GetPageAsync(path);

        var saved = await organiser.SubmitAsync(page, new Dictionary<string, string[]>
        {
            ["Input.Title"] = ["Who you are"],
            ["Input.Code"] = ["who"],
        }, formSelector: "form.builder-form", pagePath: path);

        await ResponseAssert.RedirectsTo($"/organise/{id}/questionnaire#section-who", saved);
        var stored = await LoadAsync(id);
        Assert.Equal("Who you are", stored.DefaultText(ElementKey.Section("who"), TextField.Title));
        Assert.Equal(["alpha"], stored.FindSection("who").Questions.Select(q => q.Code));
    }

    [Fact]
    public async Task ATitleOverTheLimit_IsRefused_AndNothingIsSaved()
    {
        var (organiser, id) = await DraftAsync();
        var path = await AddQuestionAsync(organiser, id, "First", "Short", QuestionType.LongText);
        var page = await organiser.GetPageAsync(path);

        var refused = await organiser.SubmitAsync(page, new Dictionary<string, string[]>
        {
            ["Input.Label"] = [new string('x', ContentLimits.Title + 1)],
            ["Input.Help"] = [new string('y', ContentLimits.LongText + 1)],
        }, formSelector: "form.builder-form", pagePath: path, submitter: Button(page, "save"));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(2, (await Html.ParseAsync(refused)).QuerySelectorAll("[data-error-summary] li").Length);
        Assert.Equal("Short", (await LoadAsync(id)).DefaultText(ElementKey.Question("short"), TextField.Label));
    }

    [Fact]
    public async Task AConditionOnALaterQuestion_OrOnItself_IsRefusedInWords()
    {
        var (organiser, id) = await DraftAsync();
        var first = await AddQuestionAsync(organiser, id, "First", "Do you work on evaluations?", QuestionType.YesNo);
        await AddQuestionAsync(organiser, id, "First", "How many people?", QuestionType.Number, sectionExists: true);

        var page = await organiser.GetPageAsync(first);
        var later = await organiser.SubmitAsync(page, new Dictionary<string, string[]> { ["Input.ShowIf"] = ["how_many_people > 3"] },
            formSelector: "form.builder-form", pagePath: first, submitter: Button(page, "save"));
        Assert.Contains("“how_many_people” comes later: a condition can only use earlier answers", (await Html.ParseAsync(later)).Text("[data-error-summary]"), StringComparison.Ordinal);

        page = await organiser.GetPageAsync(first);
        var itself = await organiser.SubmitAsync(page, new Dictionary<string, string[]> { ["Input.ShowIf"] = ["do_you_work_on_evaluations = 'yes'"] },
            formSelector: "form.builder-form", pagePath: first, submitter: Button(page, "save"));
        Assert.Contains("A question cannot depend on its own answer", (await Html.ParseAsync(itself)).Text("[data-error-summary]"), StringComparison.Ordinal);
        Assert.Null((await LoadAsync(id)).FindQuestion("do_you_work_on_evaluations").ShowIf);
    }

    [Fact]
    public async Task AConditionBuiltFromTheForm_IsStoredInTheConditionLanguage()
    {
        var (organiser, id) = await DraftAsync();
        await AddQuestionAsync(organiser, id, "First", "How many people?", QuestionType.Number);
        var second = await AddQuestionAsync(organiser, id, "First", "Describe your team", QuestionType.LongText, sectionExists: true);

        var page = await organiser.GetPageAsync(second);
        await ResponseAssert.RedirectsTo($"/organise/{id}/questionnaire#question-describe_your_team", await organiser.SubmitAsync(page, new Dictionary<string, string[]>
        {
            ["Input.NewCondition.QuestionCode"] = ["how_many_people"],
            ["Input.NewCondition.Operator"] = [">="],
            ["Input.NewCondition.Value"] = ["10"],
        }, formSelector: "form.builder-form", pagePath: second, submitter: Button(page, "save")));

        Assert.Equal("how_many_people >= 10", (await LoadAsync(id)).FindQuestion("describe_your_team").ShowIf);
    }

    [Fact]
    public async Task MovingAQuestionPastTheEndOfItsSection_TakesItToTheNextSection()
    {
        var (organiser, id) = await DraftAsync();
        await AddQuestionAsync(organiser, id, "One", "Alpha", QuestionType.ShortText);
        await AddQuestionAsync(organiser, id, "Two", "Beta", QuestionType.ShortText);
        var path = $"/organise/{id}/questionnaire";

        var page = await organiser.GetPageAsync(path);
        var moved = await organiser.SubmitAsync(page, formSelector: "#question-alpha form", pagePath: path,
            submitter: page.QuerySelector<IHtmlButtonElement>("#question-alpha button[value='1']"));

        await ResponseAssert.RedirectsTo($"{path}#question-alpha", moved);
        var stored = await LoadAsync(id);
        Assert.Equal(["alpha", "beta"], stored.FindSection("two").OrderedQuestions.Select(q => q.Code));
        Assert.Empty(stored.FindSection("one").Questions);
    }

    [Fact]
    public async Task RemovingAQuestion_AsksFirst_ThenRemovesItsTexts()
    {
        var (organiser, id) = await DraftAsync();
        await AddQuestionAsync(organiser, id, "One", "Alpha", QuestionType.ShortText);
        var path = $"/organise/{id}/questionnaire";

        var confirm = await organiser.GetPageAsync($"{path}?remove=alpha");
        var removed = await organiser.SubmitAsync(confirm, formSelector: "form[action*='handler=RemoveQuestion']", pagePath: path);

        await ResponseAssert.RedirectsTo(path, removed);
        var stored = await LoadAsync(id);
        Assert.Empty(stored.OrderedQuestions);
        Assert.DoesNotContain(stored.Texts, t => t.ElementKey == ElementKey.Question("alpha"));
    }

    [Fact]
    public async Task TwoOrganisersSavingTheSameQuestion_TheSecondIsToldAndLosesNothingTyped()
    {
        var (first, id) = await DraftAsync();
        var path = await AddQuestionAsync(first, id, "One", "Alpha", QuestionType.ShortText);
        var second = await app.SignedInAsync(await app.OrganiserOfAsync(id));
        var firstPage = await first.GetPageAsync(path);
        var secondPage = await second.GetPageAsync(path);

        await ResponseAssert.RedirectsTo($"/organise/{id}/questionnaire#question-alpha", await first.SubmitAsync(firstPage,
            new Dictionary<string, string[]> { ["Input.Label"] = ["Alpha, as the first organiser wrote it"] },
            formSelector: "form.builder-form", pagePath: path, submitter: Button(firstPage, "save")));
        var refused = await second.SubmitAsync(secondPage, new Dictionary<string, string[]> { ["Input.Label"] = ["Alpha, as the second wrote it"] },
            formSelector: "form.builder-form", pagePath: path, submitter: Button(secondPage, "save"));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var shown = await Html.ParseAsync(refused);
        Assert.Contains("Someone else saved this question while you were editing it.", shown.Text(".alert-danger"), StringComparison.Ordinal);
        Assert.Equal("Alpha, as the second wrote it", shown.QuerySelector<IHtmlInputElement>("#Input_Label")!.Value);
        Assert.Equal("Alpha, as the first organiser wrote it", (await LoadAsync(id)).DefaultText(ElementKey.Question("alpha"), TextField.Label));
    }

    [Fact]
    public async Task AnOrganiserOfAnotherConsultation_CannotOpenTheBuilder()
    {
        var (_, id) = await DraftAsync();
        var outsider = await app.SignedInAsync(await app.CreateStaffAsync(StaffRoles.Organiser));

        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"/organise/{id}/questionnaire")).StatusCode);
    }

    private static IHtmlButtonElement Button(IHtmlDocument page, string command) =>
        page.QuerySelectorAll<IHtmlButtonElement>("form.builder-form button[name='Command']").First(b => b.Value == command);

    /// <summary>Adds a question through the pages (and its section first, unless it exists); returns the question page's path.</summary>
    private static async Task<string> AddQuestionAsync(HttpClient organiser, Guid id, string sectionTitle, string label, QuestionType type, bool sectionExists = false)
    {
        var path = $"/organise/{id}/questionnaire";
        if (!sectionExists && (await organiser.GetPageAsync(path)).QuerySelectorAll("h2").All(h => !h.TextContent.Contains(sectionTitle, StringComparison.Ordinal)))
        {
            var added = await organiser.SubmitAsync(await organiser.GetPageAsync(path), new Dictionary<string, string[]> { ["NewSection.Title"] = [sectionTitle] },
                formSelector: "form[action*='handler=AddSection']", pagePath: path);
            Assert.True(added.StatusCode == HttpStatusCode.Redirect, (await Html.ParseAsync(added)).QuerySelector("main")?.TextContent);
        }
        var page = await organiser.GetPageAsync(path);
        var section = page.QuerySelectorAll("section.builder-section").Last(s => s.QuerySelector("h2")!.TextContent.Contains(sectionTitle, StringComparison.Ordinal));
        var response = await organiser.SubmitAsync(page, new Dictionary<string, string[]>
        {
            ["NewQuestion.Label"] = [label],
            ["NewQuestion.Type"] = [type.ToString()],
        }, formSelector: $"#{section.Id} form[action*='handler=AddQuestion']", pagePath: path);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, (await Html.ParseAsync(response)).QuerySelector("main")?.TextContent);
        return response.Headers.Location!.ToString();
    }

    private async Task<(HttpClient Organiser, Guid ConsultationId)> DraftAsync()
    {
        var id = await app.WithDbAsync(async db =>
        {
            var consultation = Consultation.Create($"draft-{Guid.NewGuid():N}"[..20], "en", ["en", "fr"],
                AccessMode.Both, isAnonymous: false, estimatedMinutes: 10, app.Clock.GetUtcNow());
            consultation.SetText(ElementKey.Consultation, TextField.Title, "en", "A draft consultation");
            db.Consultations.Add(consultation);
            await db.SaveChangesAsync();
            return consultation.Id;
        });
        return (await app.SignedInAsync(await app.OrganiserOfAsync(id)), id);
    }


    private Task<Consultation> LoadAsync(Guid id) =>
        app.WithDbAsync(async db => (await Web.Pages.Organise.QuestionnaireLoader.LoadAsync(db, id, CancellationToken.None))!);
}
