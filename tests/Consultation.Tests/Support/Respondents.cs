using System.Net;
using AngleSharp.Html.Dom;

namespace Consultation.Tests.Support;

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
    public static async Task<HttpResponseMessage> CompleteWithFilesAsync(this HttpClient client, IHtmlDocument page, IDictionary<string, string[]>? answers,
        IDictionary<string, (string FileName, byte[] Content)>? files, IHtmlButtonElement? submitter = null)
    {
        Task<HttpResponseMessage> Post(IHtmlDocument shown, IHtmlButtonElement? button = null) => files is null
            ? client.SubmitAsync(shown, answers, submitter: button)
            : client.SubmitWithFilesAsync(shown, answers, files, submitter: button);
        var response = await Post(page, submitter);
        for (var step = 0; step < 50 && response.StatusCode == HttpStatusCode.Redirect; step++)
        {
            var location = response.Headers.Location!.OriginalString;
            if (location.EndsWith("/review", StringComparison.Ordinal))
                return await client.SubmitAsync(await client.GetPageAsync(location), answers, formSelector: "#review-form");
            if (!location.Contains("/answer/", StringComparison.Ordinal))
                return response;
            response = await Post(await client.GetPageAsync(location));
        }
        return response;
    }
}
