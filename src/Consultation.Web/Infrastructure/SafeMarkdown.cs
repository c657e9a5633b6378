namespace Consultation.Web.Infrastructure;

using Markdig;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.AspNetCore.Html;

/// <summary>
/// Organisers' long texts (summary, landing, privacy notice, thank-you) as Markdown: raw HTML is shown as
/// text, links go only to web pages, email addresses and this site, and images are shown as their
/// description (an image from elsewhere would tell its host who read the page).
/// </summary>
public static class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().Build();

    public static IHtmlContent ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
            return HtmlString.Empty;
        var document = Markdig.Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            if (link.IsImage || !IsSafe(link.Url))
            {
                // Keep what the link says, drop where it goes.
                link.MoveChildrenAfter(link);
                link.Remove();
            }
            else
            {
                link.GetAttributes().AddPropertyIfNotExist("rel", "nofollow noopener noreferrer");
            }
        }
        foreach (var autolink in document.Descendants<AutolinkInline>().ToList())
        {
            if (!autolink.IsEmail && !IsSafe(autolink.Url))
                autolink.ReplaceBy(new LiteralInline(autolink.Url));
        }
        return new HtmlString(document.ToHtml(Pipeline));
    }

    /// <summary>http, https and mailto addresses, and paths on this site; nothing a browser would run.</summary>
    public static bool IsSafe(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
            return false;
        var trimmed = url.Trim();
        if (trimmed.StartsWith('#') || (trimmed.StartsWith('/') && !trimmed.StartsWith("//", StringComparison.Ordinal) && !trimmed.StartsWith("/\\", StringComparison.Ordinal)))
            return trimmed.All(c => !char.IsControl(c));
        return Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)
            && uri.Scheme is "http" or "https" or "mailto"
            && trimmed.All(c => !char.IsControl(c));
    }
}
