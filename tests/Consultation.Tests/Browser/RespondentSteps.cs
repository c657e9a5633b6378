namespace Consultation.Tests.Browser;

using AngleSharp.Dom;
using Consultation.Tests.Support;
using Microsoft.Playwright;

/// <summary>A respondent's moves through the questionnaire's pages in the browser, each waiting for the page it leads to.</summary>
internal static class RespondentSteps
{
    public static ILocator PrimaryButton(IPage page) => page.Locator("button[data-primary-action]");

    /// <summary>"Save and continue" (or "Continue to review your answers"), then the page at <paramref name="urlGlob"/>.</summary>
    public static Task ContinueAsync(IPage page, string urlGlob) => ClickAndWaitAsync(page, PrimaryButton(page), urlGlob);

    /// <summary>"Previous section", then the page at <paramref name="urlGlob"/>.</summary>
    public static Task PreviousAsync(IPage page, string urlGlob) => ClickAndWaitAsync(page, page.Locator("button[value=previous]"), urlGlob);

    /// <summary>The review page's Submit, then the thank-you page.</summary>
    public static Task SubmitReviewAsync(IPage page) => ClickAndWaitAsync(page, page.Locator("#review-form button[data-primary-action]"), "**/thank-you");

    /// <summary>The primary button pressed on a page with problems: the same page again, with its error summary.</summary>
    public static async Task ContinueWithErrorsAsync(IPage page)
    {
        await PrimaryButton(page).ClickAsync();
        await Assertions.Expect(page.Locator("[data-error-summary]")).ToBeVisibleAsync();
    }

    /// <summary>
    /// The respondent's own base path in the address bar (/c/{slug}/resume/{token} once a public link has saved, /r/{token}),
    /// for the pages after it: review, thank-you, my-answers.
    /// </summary>
    public static string BasePath(IPage page)
    {
        var path = new Uri(page.Url).AbsolutePath;
        foreach (var end in new[] { "/answer", "/review", "/thank-you", "/my-answers" })
        {
            var at = path.IndexOf(end, StringComparison.Ordinal);
            if (at > 0)
                return path[..at];
        }
        throw new InvalidOperationException($"{page.Url} is not a respondent page.");
    }

    /// <summary>
    /// Without a browser, for speed: each page from <paramref name="answerPath"/> posted with the answers, then the review.
    /// The browser fixture's client follows redirects (the Kestrel server), so where each post led is read from its final
    /// request. Returns that path: the thank-you page's.
    /// </summary>
    public static async Task<string> CompleteWithoutBrowserAsync(HttpClient client, string answerPath, IDictionary<string, string[]> answers)
    {
        var page = await client.GetPageAsync(answerPath);
        for (var step = 0; step < 20; step++)
        {
            var formSelector = page.QuerySelector("#review-form") is null ? "#answer-form" : "#review-form";
            var response = await client.SubmitAsync(page, answers, formSelector);
            var path = response.RequestMessage!.RequestUri!.AbsolutePath;
            if (!path.Contains("/answer", StringComparison.Ordinal) && !path.EndsWith("/review", StringComparison.Ordinal))
                return path;
            page = await Html.ParseAsync(response);
            if (page.QuerySelector("[data-error-summary], .alert") is { } problem)
                throw new InvalidOperationException($"{path}: {problem.TextContent.Trim()}");
        }
        throw new InvalidOperationException("The questionnaire did not end.");
    }

    private static async Task ClickAndWaitAsync(IPage page, ILocator button, string urlGlob)
    {
        var moved = page.WaitForURLAsync(urlGlob, new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await button.ClickAsync();
        await moved;
    }
}
