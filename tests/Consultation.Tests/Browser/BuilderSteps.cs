namespace Consultation.Tests.Browser;

using System.Text.RegularExpressions;
using Consultation.Web.Domain;
using Microsoft.Playwright;

/// <summary>
/// The questionnaire builder's steps as an organiser takes them. Each step waits for what it leads to (the page's
/// address or an element of it, with Playwright's retrying assertions), never for a navigation event: a form that
/// posts and redirects on a loaded machine may have navigated before, or (the page's own heading still matching)
/// not yet after, the moment a test starts waiting.
/// </summary>
public static class BuilderSteps
{
    /// <summary>Adds a section from the questionnaire page and waits until the page shows it.</summary>
    public static async Task AddSectionAsync(IPage page, Guid id, string title, string code)
    {
        await page.GotoAsync($"/organise/{id}/questionnaire");
        await page.GetByLabel("New section").FillAsync(title);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add section" }).ClickAsync();
        await Assertions.Expect(page.Locator($"#section-{code}")).ToBeVisibleAsync();
    }

    /// <summary>Adds a question to the first section and waits for its own page (the builder's heading also says "Question…").</summary>
    public static async Task AddQuestionAsync(IPage page, Guid id, string label, QuestionType type)
    {
        await page.GotoAsync($"/organise/{id}/questionnaire");
        await page.GetByLabel("New question").FillAsync(label);
        await page.GetByLabel("Type", new() { Exact = true }).SelectOptionAsync(type.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Add question" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/organise/{id}/questions/[a-z0-9_]+$"));
    }

    /// <summary>Saves the question page and waits for the questionnaire, scrolled to the question.</summary>
    public static async Task SaveQuestionAsync(IPage page, Guid id)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).Last.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/organise/{id}/questionnaire(\\?[^#]*)?#question-[a-z0-9_]+$"));
    }
}
