namespace Consultation.Web.Pages.Respond;

using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Caching.Memory;

/// <summary>
/// What a respondent page knows about its own markup: the questionnaire version it shows, in which content language,
/// and which of its sections. The cache adds what the request decides (its path, culture and interface language).
/// </summary>
public readonly record struct BlankPageKey(Guid VersionId, string ContentLanguage, int Section);

/// <summary>
/// The rendered HTML of blank respondent pages (a first visit: no answers, no errors, no files), kept in memory and
/// served again without running Razor, with this request's own values written into it: the antiforgery token (whose
/// cookie is set as on any page) and the values the page declares per request, such as a submission key.
/// <para>
/// The page still runs its handler on every request (the link, the consultation's status and deadline are checked each
/// time); only the rendering is skipped. The first request for a key renders the page as usual, and its HTML becomes the
/// template once each per-request value is found in it (every place it is printed becomes a hole); otherwise it is served as rendered and not kept.
/// A template is keyed by everything that changes the markup: the page's <see cref="BlankPageKey"/>, the request's path
/// base and path (the form's action, the language switcher's links), its culture (number formats) and interface culture
/// (the layout's and labels' language). A version never changes once published, so a template is never stale; replaced
/// versions leave memory after a while of not being asked for (sliding expiration, and a bound in bytes).
/// Signed-in people and any method but GET are always rendered.
/// </para>
/// </summary>
public sealed class BlankPageCache(IAntiforgery antiforgery, HtmlEncoder encoder) : IDisposable
{
    /// <summary>Bytes of HTML kept at once (a 40-question page is about 85 KiB).</summary>
    public const long CapacityBytes = 64L * 1024 * 1024;

    public static readonly TimeSpan SlidingExpiration = TimeSpan.FromMinutes(30);

    // Random values shorter than this could also be found in a page's own text.
    private const int ShortestPerRequestValue = 16;

    private readonly MemoryCache _templates = new(new MemoryCacheOptions { SizeLimit = CapacityBytes });
    private long _served;

    /// <summary>Off only to measure what the cache saves (Respondents:CacheBlankPages=false; see docs/performance.md).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>How many pages were served from a template (for tests and the benchmark).</summary>
    public long Served => Interlocked.Read(ref _served);

    /// <summary>
    /// The page's result: its blank page from memory when one is kept for this key, else the page rendered (and kept).
    /// <paramref name="blank"/> must be false whenever the page shows anything of this respondent's: saved or posted
    /// answers, errors, kept files, a resume link. <paramref name="perRequest"/> are the values the page prints that
    /// differ on every request (at least 16 random characters each, printed once); the antiforgery token is added here.
    /// </summary>
    public IActionResult Page(PageModel page, bool blank, BlankPageKey key, params string[] perRequest)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(perRequest);
        if (perRequest.Any(v => v.Length < ShortestPerRequestValue))
            throw new ArgumentException($"A per-request value must have at least {ShortestPerRequestValue} random characters.", nameof(perRequest));
        var context = page.HttpContext;
        if (!blank || !Enabled || !HttpMethods.IsGet(context.Request.Method) || context.User.Identity?.IsAuthenticated == true)
            return page.Page();
        var request = context.Request;
        var fullKey = new TemplateKey(key, request.PathBase.Value ?? "", request.Path.Value ?? "",
            CultureInfo.CurrentCulture.Name, CultureInfo.CurrentUICulture.Name);
        return _templates.TryGetValue(fullKey, out Template? template)
            ? new FromTemplate(this, template!, perRequest)
            : new RenderedAndKept(this, fullKey, perRequest);
    }

    public void Dispose() => _templates.Dispose();

    private readonly record struct TemplateKey(BlankPageKey Page, string PathBase, string Path, string Culture, string UiCulture);

    /// <summary>This request's values, HTML-encoded as Razor prints them: its antiforgery token first, then the page's.</summary>
    private byte[][] Values(HttpContext context, string[] perRequest)
    {
        // The same token the form tag helper prints when the page renders (one per request); its cookie is set here too.
        var token = antiforgery.GetAndStoreTokens(context).RequestToken
            ?? throw new InvalidOperationException("The antiforgery service issued no request token.");
        var values = new byte[perRequest.Length + 1][];
        values[0] = Encoded(token);
        for (var i = 0; i < perRequest.Length; i++)
            values[i + 1] = Encoded(perRequest[i]);
        return values;
    }

    /// <summary>The kept HTML with this request's values written into it: no Razor at all.</summary>
    private sealed class FromTemplate(BlankPageCache cache, Template template, string[] perRequest) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context)
        {
            Interlocked.Increment(ref cache._served);
            return template.WriteAsync(context.HttpContext.Response, cache.Values(context.HttpContext, perRequest), context.HttpContext.RequestAborted);
        }
    }

    /// <summary>
    /// The page rendered as usual (a <see cref="PageResult"/>, so that Razor Pages prepares the view for it), captured, and
    /// kept as the template when its per-request values are found in it.
    /// </summary>
    private sealed class RenderedAndKept(BlankPageCache cache, TemplateKey key, string[] perRequest) : PageResult
    {
        public override async Task ExecuteResultAsync(ActionContext context)
        {
            var http = context.HttpContext;
            var values = cache.Values(http, perRequest);
            var response = http.Response;
            var body = response.Body;
            using var rendered = new MemoryStream();
            response.Body = rendered;
            try
            {
                await base.ExecuteResultAsync(context);
            }
            finally
            {
                response.Body = body;
            }
            var html = rendered.GetBuffer().AsMemory(0, (int)rendered.Length);
            if (response.StatusCode == StatusCodes.Status200OK && Template.Cut(html.Span, values, response.ContentType) is { } cut)
                cache._templates.Set(key, cut, new MemoryCacheEntryOptions { Size = cut.Html.Length, SlidingExpiration = SlidingExpiration });
            response.ContentLength = html.Length;
            await body.WriteAsync(html, http.RequestAborted);
        }
    }

    private byte[] Encoded(string value) => Encoding.UTF8.GetBytes(encoder.Encode(value));

    /// <summary>A page's HTML and where its per-request values were: holes to fill with the next request's values.</summary>
    private sealed class Template(byte[] html, (int Start, int Length, int Value)[] holes, string? contentType)
    {
        public byte[] Html => html;

        /// <summary>
        /// The template of a rendered page, or null when a per-request value is missing from it. A value may be printed more
        /// than once (the antiforgery token is, in each of a page's forms): every place becomes a hole.
        /// </summary>
        public static Template? Cut(ReadOnlySpan<byte> rendered, byte[][] values, string? contentType)
        {
            var holes = new List<(int Start, int Length, int Value)>();
            for (var value = 0; value < values.Length; value++)
            {
                var found = false;
                for (var from = 0; rendered[from..].IndexOf(values[value]) is var next and >= 0; from += next + values[value].Length)
                {
                    holes.Add((from + next, values[value].Length, value));
                    found = true;
                }
                if (!found)
                    return null;
            }
            holes.Sort((a, b) => a.Start.CompareTo(b.Start));
            for (var i = 1; i < holes.Count; i++)
                if (holes[i].Start < holes[i - 1].Start + holes[i - 1].Length)
                    return null;
            return new Template(rendered.ToArray(), [.. holes], contentType);
        }

        public async Task WriteAsync(HttpResponse response, byte[][] values, CancellationToken cancellationToken)
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = contentType;
            response.ContentLength = html.Length + holes.Sum(h => values[h.Value].Length - h.Length);
            var writer = response.BodyWriter;
            var at = 0;
            foreach (var (start, length, value) in holes)
            {
                writer.Write(html.AsSpan(at, start - at));
                writer.Write(values[value]);
                at = start + length;
            }
            writer.Write(html.AsSpan(at));
            await writer.FlushAsync(cancellationToken);
        }
    }
}
