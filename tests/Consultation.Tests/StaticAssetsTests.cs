namespace Consultation.Tests;

using System.IO.Compression;
using System.Net;
using Consultation.Tests.Support;

public sealed class StaticAssetsTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("identity")]
    [InlineData("gzip, deflate, br")]
    public async Task RespondentPage_ItsStylesheetsAndScript_LoadForAnAnonymousVisitor(string acceptEncoding)
    {
        var client = app.Respondent();
        var page = await client.GetPageAsync("/c/ai-safety-priorities");
        var assets = page.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!)
            .Concat(page.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!)).ToList();

        Assert.Contains(assets, a => a.Contains("/js/site", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, asset);
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
            var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await ReadBodyAsync(response);
            Assert.True(body.Length > 100, $"{asset} came back empty ({response.Content.Headers.ContentEncoding}).");
            if (asset.Contains("/js/site", StringComparison.Ordinal))
                Assert.Contains("data-switch-language", body, StringComparison.Ordinal);
        }
    }

    private static async Task<string> ReadBodyAsync(HttpResponseMessage response)
    {
        var stream = await response.Content.ReadAsStreamAsync();
        Stream decoded = response.Content.Headers.ContentEncoding.LastOrDefault() switch
        {
            "gzip" => new GZipStream(stream, CompressionMode.Decompress),
            "br" => new BrotliStream(stream, CompressionMode.Decompress),
            _ => stream,
        };
        using var reader = new StreamReader(decoded);
        return await reader.ReadToEndAsync();
    }
}
