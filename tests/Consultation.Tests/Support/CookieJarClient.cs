namespace Consultation.Tests.Support;

using System.Net;

/// <summary>A client whose cookies the test can see and copy, as someone who stole a cookie could.</summary>
public sealed class CookieJarClient(AppFactory app, string? cookieHeader = null)
{
    private static readonly Uri Site = new("http://localhost/");
    private readonly HttpClient _client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
    private readonly CookieContainer _jar = Jar(cookieHeader);

    public string CookieHeader => _jar.GetCookieHeader(Site);

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, IEnumerable<KeyValuePair<string, string>>? form = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (form is not null)
            request.Content = new FormUrlEncodedContent(form);
        if (CookieHeader.Length > 0)
            request.Headers.Add("Cookie", CookieHeader);
        var response = await _client.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var cookies))
            foreach (var cookie in cookies)
                _jar.SetCookies(Site, cookie);
        return response;
    }

    private static CookieContainer Jar(string? header)
    {
        var jar = new CookieContainer();
        foreach (var pair in (header ?? "").Split("; ", StringSplitOptions.RemoveEmptyEntries))
            jar.SetCookies(Site, pair);
        return jar;
    }
}
