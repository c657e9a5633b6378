namespace Consultation.Tests.Browser;

using System.Text.RegularExpressions;
using Consultation.Tests.Support;
using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

/// <summary>
/// Issue 7 end to end: an organiser builds a two-language consultation with a condition, translates it side by side,
/// previews it in French, publishes it, and a stakeholder answers it in French with the condition working.
/// </summary>
[Trait("Category", "Browser")]
public sealed class TranslateAndPublishTests(BrowserFixture browser) : BrowserTest(browser), IClassFixture<BrowserFixture>
{
    private static readonly Dictionary<string, string> French = new()
    {
        [ElementKey.Consultation + "/Title"] = "Évaluer l’IA ensemble",
        [ElementKey.Section("about_you") + "/Title"] = "À propos de vous",
        [ElementKey.Question("do_you_evaluate_ai_models") + "/Label"] = "Évaluez-vous des modèles d’IA ?",
        [ElementKey.Option("do_you_evaluate_ai_models", "yes") + "/Label"] = "Oui",
        [ElementKey.Option("do_you_evaluate_ai_models", "no") + "/Label"] = "Non",
        [ElementKey.Question("which_risks_do_you_test") + "/Label"] = "Quels risques testez-vous ?",
    };

    [Fact]
    public async Task AnOrganiserTranslatesPreviewsAndPublishes_AndAStakeholderAnswersInFrench()
    {
        var app = Browser.App;
        var (id, slug) = await DraftAsync();
        var page = await Browser.NewPageAsync("en-GB", width: 1280);
        await BrowserFixture.SignInAsync(page, await app.OrganiserOfAsync(id));

        // Built in the browser: a section, a choice, and a follow-up shown only after "Yes".
        await BuilderSteps.AddSectionAsync(page, id, "About you", "about_you");
        await BuilderSteps.AddQuestionAsync(page, id, "Do you evaluate AI models?", QuestionType.SingleChoice);
        await page.Locator("#Input_Options_0_Label").FillAsync("Yes");
        await page.Locator("#Input_Options_1_Label").FillAsync("No");
        await BuilderSteps.SaveQuestionAsync(page, id);
        await BuilderSteps.AddQuestionAsync(page, id, "Which risks do you test?", QuestionType.LongText);
        await page.GetByLabel("Show only if the answer to").SelectOptionAsync("do_you_evaluate_ai_models");
        await page.GetByLabel("Operator").SelectOptionAsync("=");
        await page.GetByLabel("Option", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Yes" });
        await BuilderSteps.SaveQuestionAsync(page, id);

        // Not publishable yet: the French texts are missing, and the publish page says so.
        await page.GotoAsync($"/organise/{id}/publish");
        await Assertions.Expect(page.Locator("[data-error-summary]")).ToContainTextAsync("A text is missing in Français");

        // Translated side by side.
        await page.GotoAsync($"/organise/{id}/translations");
        await page.GetByRole(AriaRole.Link, new() { Name = "Translate – Français" }).ClickAsync();
        foreach (var (key, text) in French)
        {
            var slash = key.LastIndexOf('/');
            await page.Locator($"[data-element='{key[..slash]}'][data-field='{key[(slash + 1)..]}'] textarea").FillAsync(text);
        }
        await BrowserFixture.ScreenshotAsync(page, "issue7-translation-editor");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-saved]")).ToHaveTextAsync("Saved.");
        await Assertions.Expect(page.Locator("[data-progress]")).ToContainTextAsync("0 missing");

        // Previewed in French, with the condition working and nothing stored.
        await page.GotoAsync($"/organise/{id}/preview?language=fr");
        var preview = page.Locator("[data-preview-content]");
        await Assertions.Expect(preview.Locator("h1")).ToHaveTextAsync("Évaluer l’IA ensemble");
        var followUp = page.Locator("[data-question='which_risks_do_you_test']");
        await Assertions.Expect(followUp).ToBeHiddenAsync();
        await page.GetByLabel("Oui").CheckAsync();
        await Assertions.Expect(followUp).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "issue7-preview-fr");

        // Published.
        await page.GotoAsync($"/organise/{id}/publish");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish now" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/organise/{id}$"));

        // A stakeholder whose browser asks for French answers on a phone.
        var stakeholder = await Browser.NewPageAsync("fr-FR", width: 360);
        await stakeholder.GotoAsync($"/c/{slug}/answer");
        await Assertions.Expect(stakeholder.Locator("h1")).ToHaveTextAsync("Évaluer l’IA ensemble");
        var risks = stakeholder.Locator("[data-question='which_risks_do_you_test']");
        await Assertions.Expect(risks).ToBeHiddenAsync();
        await stakeholder.GetByLabel("Oui").CheckAsync();
        await Assertions.Expect(risks).ToBeVisibleAsync();
        await stakeholder.GetByLabel("Quels risques testez-vous ?").FillAsync("Cybersécurité");
        await stakeholder.GetByLabel("Non").CheckAsync();
        await Assertions.Expect(risks).ToBeHiddenAsync();
        await stakeholder.GetByLabel("Oui").CheckAsync();
        await BrowserFixture.ScreenshotAsync(stakeholder, "issue7-answer-fr-360");
        await RespondentSteps.ContinueAsync(stakeholder, $"**/c/{slug}/resume/*/review");
        await Assertions.Expect(stakeholder.Locator("h1")).ToHaveTextAsync(Localized.Text("fr", "Check your answers"));
        await Assertions.Expect(stakeholder.Locator(".review-answers")).ToContainTextAsync("Quels risques testez-vous ?");
        await Assertions.Expect(stakeholder.Locator(".review-answers")).ToContainTextAsync("Cybersécurité");
        await BrowserFixture.ScreenshotAsync(stakeholder, "issue7-review-fr-360");
        await RespondentSteps.SubmitReviewAsync(stakeholder);

        var response = await app.WithDbAsync(db => db.Responses.AsNoTracking().SingleAsync(r => r.ConsultationId == id));
        Assert.Equal("fr", response.Language);
        Assert.Equal("yes", response.Answers.Text("do_you_evaluate_ai_models"));
        Assert.Equal("Cybersécurité", response.Answers.Text("which_risks_do_you_test"));
        Assert.False(response.IsTest);
    }

    private Task<(Guid, string)> DraftAsync() => Browser.App.WithDbAsync(async db =>
    {
        var slug = $"evaluate-{Guid.NewGuid():N}"[..20];
        var consultation = Consultation.Create(slug, "en", ["en", "fr"], AccessMode.PublicLink,
            isAnonymous: false, estimatedMinutes: 5, Browser.App.Clock.GetUtcNow());
        consultation.SetText(ElementKey.Consultation, TextField.Title, "en", "Evaluating AI together");
        db.Consultations.Add(consultation);
        await db.SaveChangesAsync();
        return (consultation.Id, slug);
    });
}
