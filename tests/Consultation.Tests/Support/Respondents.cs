namespace Consultation.Tests.Support;

using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;

/// <summary>A respondent going through the questionnaire's pages the way a browser without scripts does.</summary>
public static class Respondents
{
    /// <summary>
    /// Posts the answer page with <paramref name="answers"/>, then every following page with the same answers (each page takes
    /// its own questions' fields), then the review page (the answers may name its publication preference), and returns the
    /// first response that is not a move to another page of the questionnaire: the redirect to the thank-you page, or a page
    /// shown again with its problems.
    /// </summary>
    public static Task<HttpResponseMessage> CompleteAsync(this HttpClient client, IHtmlDocument page, IDictionary<string, string[]>? answers = null,
        IHtmlButtonElement? submitter = null) =>
        client.CompleteWithFilesAsync(page, answers, files: null, submitter);

    /// <summary>As <see cref="CompleteAsync"/>, sending each page as multipart/form-data with the given files (by field name, a.{code}).</summary>
    public static Task<HttpResponseMessage> CompleteWithFilesAsync(this HttpClient client, IHtmlDocument page, IDictionary<string, string[]>? answers,
        IDictionary<string, (string FileName, byte[] Content)>? files, IHtmlButtonElement? submitter = null) =>
        client.WalkAsync(page, answers, files, submitter, stopAtReview: false);

    /// <summary>As <see cref="CompleteAsync"/>, but stops at the review page and returns it, not submitted; fails if a page shows problems instead.</summary>
    public static async Task<IHtmlDocument> ReviewPageAsync(this HttpClient client, IHtmlDocument page, IDictionary<string, string[]>? answers = null)
    {
        var response = await client.WalkAsync(page, answers, files: null, submitter: null, stopAtReview: true);
        var location = response.Headers.Location?.OriginalString ?? "";
        if (!location.EndsWith("/review", StringComparison.Ordinal))
            Assert.Fail($"Expected to reach the review page, got {(int)response.StatusCode} {location}");
        return await client.GetPageAsync(location);
    }

    private static async Task<HttpResponseMessage> WalkAsync(this HttpClient client, IHtmlDocument page, IDictionary<string, string[]>? answers,
        IDictionary<string, (string FileName, byte[] Content)>? files, IHtmlButtonElement? submitter, bool stopAtReview)
    {
        Task<HttpResponseMessage> Post(IHtmlDocument shown, IHtmlButtonElement? button = null) => files is null
            ? client.SubmitAsync(shown, answers, submitter: button)
            : client.SubmitWithFilesAsync(shown, answers, files, submitter: button);
        var response = await Post(page, submitter);
        for (var step = 0; step < 50 && response.StatusCode == HttpStatusCode.Redirect; step++)
        {
            var location = response.Headers.Location!.OriginalString;
            if (location.EndsWith("/review", StringComparison.Ordinal))
                return stopAtReview ? response : await client.SubmitAsync(await client.GetPageAsync(location), answers, formSelector: "#review-form");
            if (!location.Contains("/answer/", StringComparison.Ordinal))
                return response;
            response = await Post(await client.GetPageAsync(location));
        }
        return response;
    }

    /// <summary>
    /// The response (draft or submitted) behind a respondent's address: a personal link's /r/{token}/… or a public link's
    /// /c/{slug}/resume/{token}/…; null when the address holds no token or no response was saved through it.
    /// </summary>
    public static Task<Response?> ResponseAtAsync(this AppFactory app, string path)
    {
        var match = Regex.Match(path, "^(?:https?://[^/]+)?/(?:r/(?<token>[^/?#]+)|c/[^/]+/resume/(?<token>[^/?#]+))");
        if (!match.Success || InvitationToken.ResponsePointer(match.Groups["token"].Value) is not { } pointer)
            return Task.FromResult<Response?>(null);
        return app.WithDbAsync(db => db.Responses.AsNoTracking().SingleOrDefaultAsync(r => r.ResponsePointer == pointer));
    }

    /// <summary>The response behind what a respondent was answered: where a redirect leads, else the address that was posted to.</summary>
    public static Task<Response?> ResponseAtAsync(this AppFactory app, HttpResponseMessage answered) =>
        app.ResponseAtAsync(answered.Headers.Location?.OriginalString ?? answered.RequestMessage!.RequestUri!.AbsolutePath);

    /// <summary>The response behind a page of the questionnaire: the one its form saves to.</summary>
    public static Task<Response?> ResponseAtAsync(this AppFactory app, IHtmlDocument page, string formSelector = "#answer-form") =>
        app.ResponseAtAsync(page.QuerySelector<IHtmlFormElement>(formSelector)!.GetAttribute("action")!);

    /// <summary>The responses submitted so far (drafts left out).</summary>
    public static async Task<List<Response>> SubmittedResponsesAsync(this AppFactory app) =>
        [.. (await app.ResponsesAsync()).Where(r => r.Status == ResponseStatus.Submitted)];
}
