namespace Consultation.Tests.Pages.Respond;

using Consultation.Tests.Support;

/// <summary>
/// What a personal or resume link shows belongs to one person: no browser or proxy keeps a copy that the next user of a
/// shared computer, or of the office's proxy, could open.
/// </summary>
public sealed class PersonalPagesCacheTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly string[] PersonalPages = ["", "/print", "/answer", "/answer/1", "/review", "/thank-you", "/my-answers"];
    private static readonly string[] ResumePages = ["", "/answer/1", "/review"];

    [Fact]
    public async Task EveryPageOfAPersonalLink_AndOfAResumeLink_IsNeverStored()
    {
        var journey = await app.JourneyAsync();
        var respondent = app.Respondent();
        // A first visit's page, served from memory (BlankPageCache), twice so that the second comes from the cache.
        for (var visit = 0; visit < 2; visit++)
            Assert.True((await app.Respondent().GetAsync($"{journey.PersonalLink}/answer/1")).Headers.CacheControl?.NoStore == true);
        await respondent.CompleteAsync(await respondent.GetPageAsync($"{journey.PersonalLink}/answer"),
            new Dictionary<string, string[]> { ["role"] = ["academic"], ["agree"] = ["yes"] });
        var visitor = app.Respondent();
        var moved = (await visitor.SubmitAsync(await visitor.GetPageAsync($"{journey.PublicLink}/answer"),
            new Dictionary<string, string[]> { ["a.role"] = ["academic"] })).Headers.Location!.OriginalString;
        var resumeLink = moved[..moved.IndexOf("/answer", StringComparison.Ordinal)];

        string[] paths =
        [
            .. PersonalPages.Select(p => journey.PersonalLink + p),
            .. ResumePages.Select(p => resumeLink + p),
        ];
        foreach (var path in paths)
        {
            var response = await (path.StartsWith("/r/", StringComparison.Ordinal) ? respondent : visitor).GetAsync(path);
            Assert.True(response.IsSuccessStatusCode || (int)response.StatusCode == 302, $"{path}: {(int)response.StatusCode}");
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{path} may be stored: Cache-Control: {response.Headers.CacheControl}");
        }
    }
}
