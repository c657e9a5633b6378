namespace Consultation.Tests.Infrastructure;

using Consultation.Web.Infrastructure;

/// <summary>Organisers' Markdown: formatting yes; raw HTML, scripts, script links and images no.</summary>
public sealed class SafeMarkdownTests
{
    [Theory]
    [InlineData("[x](javascript:alert(1))")]
    [InlineData("[x](JAVASCRIPT:alert(1))")]
    [InlineData("[x](java&#x09;script:alert(1))")]
    [InlineData("[x](&#106;avascript:alert(1))")]
    [InlineData("[x](vbscript:msgbox(1))")]
    [InlineData("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("[x][ref]\n\n[ref]: javascript:alert(1)")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("[x](//evil.example/path)")]
    public void ToHtml_ALinkThatCouldRunScript_KeepsItsTextAndDropsTheLink(string markdown)
    {
        var html = Render(markdown);
        Assert.DoesNotContain("<a", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;")]
    [InlineData("Hello <img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;")]
    [InlineData("<div onclick=\"alert(1)\">block</div>", "&lt;div onclick=&quot;alert(1)&quot;&gt;block&lt;/div&gt;")]
    public void ToHtml_RawHtml_IsShownAsText(string markdown, string expected)
    {
        var html = Render(markdown);
        Assert.Contains(expected, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ToHtml_Formatting_WebLinksAndMail_AreKept()
    {
        var html = Render("**Strong** and *soft*\n\n- one\n- two\n\n[site](https://example.org/a?b=1) [mail](mailto:team@example.org) [here](/c/other) <https://example.org>");
        Assert.Contains("<strong>Strong</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<em>soft</em>", html, StringComparison.Ordinal);
        Assert.Contains("<li>one</li>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.org/a?b=1\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"mailto:team@example.org\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/c/other\"", html, StringComparison.Ordinal);
        Assert.Contains("rel=\"nofollow noopener noreferrer\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_AnImage_BecomesItsDescription()
    {
        var html = Render("![a tracking pixel](https://example.org/p.png)");
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("a tracking pixel", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_NothingWritten_IsEmpty() => Assert.Equal("", Render("  "));

    private static string Render(string markdown)
    {
        using var writer = new StringWriter();
        SafeMarkdown.ToHtml(markdown).WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        return writer.ToString();
    }
}
