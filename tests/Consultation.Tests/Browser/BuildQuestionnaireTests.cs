namespace Consultation.Tests.Browser;

using System.Text.RegularExpressions;
using Consultation.Tests.Support;
using Consultation.Web.Demo;
using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

/// <summary>An organiser builds a questionnaire in a real browser: every question type, options, an upload, a condition.</summary>
[Trait("Category", "Browser")]
public sealed class BuildQuestionnaireTests(BrowserFixture browser) : BrowserTest(browser), IClassFixture<BrowserFixture>
{
    private static readonly (QuestionType Type, string Label, string[] Options)[] Questions =
    [
        (QuestionType.SingleChoice, "Type of respondent", ["Academic or research institution", "Company", "Public authority"]),
        (QuestionType.MultipleChoice, "Which risks matter most?", ["Misuse", "Loss of control", "Other (please specify)"]),
        (QuestionType.Scale, "Evaluations should be mandatory", ["Disagree", "Neutral", "Agree", "No opinion"]),
        (QuestionType.ShortText, "Your organisation", []),
        (QuestionType.LongText, "Anything else?", []),
        (QuestionType.Number, "How many staff work on safety?", []),
        (QuestionType.Date, "When did you start?", []),
        (QuestionType.Rating, "How useful is the network?", []),
        (QuestionType.Ranking, "Rank these priorities", ["Evaluations", "Standards", "Research"]),
        (QuestionType.Matrix, "How far do you agree?", ["Disagree", "Agree"]),
        (QuestionType.YesNo, "Do you publish evaluations?", []),
        (QuestionType.Email, "Email for follow-up", []),
        (QuestionType.Consent, "I agree to the privacy notice", []),
        (QuestionType.FileUpload, "Your position paper", []),
        (QuestionType.Note, "Thank you for your time", []),
    ];

    [Fact]
    public async Task AnOrganiserBuildsEveryQuestionType_WithOptions_AnUpload_AndACondition()
    {
        var id = await DraftForTheDemoOrganiserAsync();
        var page = await Browser.NewPageAsync(width: 1280);
        await BrowserFixture.SignInAsync(page, DemoSeeder.OrganiserEmail);

        await BuilderSteps.AddSectionAsync(page, id, "About you", "about_you");

        foreach (var (type, label, options) in Questions)
        {
            await BuilderSteps.AddQuestionAsync(page, id, label, type);
            for (var i = 0; i < options.Length; i++)
                await page.Locator($"#Input_Options_{i}_Label").FillAsync(options[i]);
            if (type == QuestionType.MultipleChoice)
                await page.Locator("input[name='Input.Options[2].IsOther']").CheckAsync();
            if (type == QuestionType.Scale)
                await page.Locator("input[name='Input.Options[3].IsNoOpinion']").CheckAsync();
            if (type == QuestionType.Matrix)
            {
                await page.Locator("#Input_Rows_0_Label").FillAsync("Labs should share evaluations");
                await page.Locator("#Input_Rows_1_Label").FillAsync("Governments should test models");
            }
            if (type == QuestionType.FileUpload)
            {
                await page.GetByLabel("Largest file", new() { Exact = false }).FillAsync("5");
                await page.GetByLabel(".pdf").CheckAsync();
                await page.GetByLabel(".docx").UncheckAsync();
            }
            if (type == QuestionType.LongText)
            {
                await page.GetByLabel("Show only if the answer to").SelectOptionAsync("type_of_respondent");
                await page.GetByLabel("Operator").SelectOptionAsync("=");
                await page.GetByLabel("Option", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Academic or research institution" });
                await BrowserFixture.ScreenshotAsync(page, "builder-question-condition");
            }
            if (type == QuestionType.Matrix)
                await BrowserFixture.ScreenshotAsync(page, "builder-question-matrix");
            await BuilderSteps.SaveQuestionAsync(page, id);
        }
        await BrowserFixture.ScreenshotAsync(page, "builder-questionnaire");

        // Drag and drop, as an enhancement of the arrow buttons: the fourth question goes before the first. The page's
        // handlers get the drag's events directly: Playwright's synthesised mouse gesture (DragToAsync) was lost on a
        // loaded machine (no drop, no post: the address stayed on the last saved question for 60 s). The scripts run
        // once the document has loaded, so wait for that first (the current document's state, not an event).
        await page.WaitForLoadStateAsync();
        var dragged = await page.EvaluateHandleAsync("() => new DataTransfer()");
        await page.Locator("#question-your_organisation").DispatchEventAsync("dragstart", new Dictionary<string, object> { ["dataTransfer"] = dragged });
        await page.Locator("#question-type_of_respondent").DispatchEventAsync("dragover", new Dictionary<string, object> { ["dataTransfer"] = dragged });
        await page.Locator("#question-type_of_respondent").DispatchEventAsync("drop", new Dictionary<string, object> { ["dataTransfer"] = dragged });
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/organise/{id}/questionnaire#question-your_organisation$"));
        await Assertions.Expect(page.Locator(".builder-questions tbody tr").First).ToHaveIdAsync("question-your_organisation");

        var built = await Browser.App.WithDbAsync(db => db.Consultations.Include(c => c.Sections).ThenInclude(s => s.Questions).ThenInclude(q => q.Options)
            .Include(c => c.Sections).ThenInclude(s => s.Questions).ThenInclude(q => q.Rows).AsSplitQuery().SingleAsync(c => c.Id == id));
        var questions = built.OrderedQuestions.ToList();
        Assert.Equal([QuestionType.ShortText, .. Questions.Select(q => q.Type).Where(t => t != QuestionType.ShortText)], questions.Select(q => q.Type));
        Assert.Equal("type_of_respondent = 'academic_or_research_institution'", questions.Single(q => q.Type == QuestionType.LongText).ShowIf);
        Assert.True(questions.Single(q => q.Type == QuestionType.MultipleChoice).Options.Single(o => o.Code == "other_please_specify").IsOther);
        Assert.True(questions.Single(q => q.Type == QuestionType.Scale).Options.Single(o => o.Code == "no_opinion").IsNoOpinion);
        Assert.Equal(["labs_should_share_evaluations", "governments_should_test_models"], questions.Single(q => q.Type == QuestionType.Matrix).Rows.OrderBy(r => r.Position).Select(r => r.Code));
        var upload = questions.Single(q => q.Type == QuestionType.FileUpload);
        Assert.Equal(5, upload.MaxFileMegabytes);
        Assert.Equal(["pdf", "odt"], upload.AllowedFileTypes);

        // Published from the pages, it is answered at once, with the condition working in the Browser.
        await page.GotoAsync($"/organise/{id}/publish");
        await BrowserFixture.ScreenshotAsync(page, "builder-publish");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish now" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/organise/{id}$"));
        var stakeholder = await Browser.NewPageAsync(width: 360);
        await stakeholder.GotoAsync($"/c/{built.Slug}/answer");
        var anythingElse = stakeholder.Locator("[data-question='anything_else']");
        await Assertions.Expect(anythingElse).ToBeHiddenAsync();
        await stakeholder.GetByLabel("Academic or research institution").CheckAsync();
        await Assertions.Expect(anythingElse).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(stakeholder, "builder-published-answer-360");
    }

    private Task<Guid> DraftForTheDemoOrganiserAsync() => Browser.App.WithDbAsync(async db =>
    {
        var consultation = Consultation.Create($"built-{Guid.NewGuid():N}"[..20], "en", ["en"], AccessMode.PublicLink,
            isAnonymous: false, estimatedMinutes: 15, Browser.App.Clock.GetUtcNow());
        consultation.SetText(ElementKey.Consultation, TextField.Title, "en", "Built in the browser");
        db.Consultations.Add(consultation);
        var organiser = await db.Users.SingleAsync(u => u.Email == DemoSeeder.OrganiserEmail);
        db.ConsultationMembers.Add(ConsultationMember.Add(consultation, organiser.Id, MemberRole.Organiser, Browser.App.Clock.GetUtcNow()));
        await db.SaveChangesAsync();
        return consultation.Id;
    });
}
