namespace Consultation.Web.Pages.Respond;

using Consultation.Web.Infrastructure;
using Consultation.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

/// <summary>
/// A page reached through a respondent's link. The link named by the route (<c>slug</c>, <c>token</c>, <c>resume</c>) is
/// loaded once, before the handler runs, with the language to show it in; a link that cannot open the page ends the request
/// with the page that says why, and the handler never runs.
/// </summary>
public abstract class RespondentPageModel(RespondentLinks links, TimeProvider time) : PageModel
{
    public RespondentLink Link { get; private set; } = null!;

    /// <summary>The content language (see <see cref="ContentLanguage"/>).</summary>
    public string Language { get; private set; } = "";

    protected RespondentLinks Links => links;

    protected DateTimeOffset Now => time.GetUtcNow();

    /// <summary>
    /// Whether the page takes answers: it then opens only while the consultation does. Before it opens, the landing page
    /// says when it will; a personal link completed before answers were kept as drafts has nothing to change, and goes to its
    /// thank-you page.
    /// </summary>
    protected virtual bool TakesAnswers => false;

    /// <summary>Whether this request may read a public link's consultation up to a second ago (see <see cref="ConsultationStateCache"/>).</summary>
    protected virtual bool RecentReadingWillDo => false;

    /// <summary>The page's own reason not to open for this link, checked once it is loaded.</summary>
    protected virtual IActionResult? Refuse(RespondentLink link) => null;

    // Razor Pages would take an override declared here for a handler ("?handler=HandlerExecution").
    [NonHandler]
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await OpenLinkAsync(context.HttpContext.RequestAborted) is { } stop)
        {
            context.Result = stop;
            return;
        }
        await base.OnPageHandlerExecutionAsync(context, next);
    }

    /// <summary>Loads the link (again, after a save that failed has cleared the context); null when the page may go on.</summary>
    protected async Task<IActionResult?> OpenLinkAsync(CancellationToken cancellationToken)
    {
        var route = RouteData.Values;
        var (link, problem) = await links.LoadAsync(route["slug"] as string, route["token"] as string, route["resume"] as string,
            RecentReadingWillDo, cancellationToken);
        if (link is null)
            return this.Unavailable(problem!.Value);
        if (TakesAnswers && AnsweringStop(link) is { } stop)
            return stop;
        if (Refuse(link) is { } refused)
            return refused;
        Link = link;
        Language = ContentLanguage(link);
        return null;
    }

    private IActionResult? AnsweringStop(RespondentLink link)
    {
        if (link.Invitation is { IsCompleted: true } && link.Response is null)
            return Redirect($"{link.BasePath}/thank-you");
        // Not open yet: the landing page says when it opens, in the consultation's time zone and the reader's.
        return link.AnsweringProblem(Now) switch
        {
            StatusReason.ConsultationNotOpenYet => Redirect(link.BasePath),
            { } answering => this.Unavailable(answering, link.Consultation.ClosesAt),
            null => null,
        };
    }

    /// <summary>
    /// The content language: the person's pick if offered, else the invitation's, else the first the
    /// browser asks for that is offered, else the consultation's default.
    /// </summary>
    private string ContentLanguage(RespondentLink link)
    {
        var offered = link.Snapshot.Languages;
        string? Offered(string? tag) => tag is null ? null
            : offered.FirstOrDefault(o => string.Equals(o, tag, StringComparison.OrdinalIgnoreCase))
              ?? offered.FirstOrDefault(o => UiLanguages.Matches(o, tag));

        var browser = Request.GetTypedHeaders().AcceptLanguage
            .OrderByDescending(l => l.Quality ?? 1).Select(l => Offered(l.Value.Value)).FirstOrDefault(l => l is not null);
        return Offered(LanguageChoice.Read(HttpContext)) ?? Offered(link.Invitation?.Language) ?? browser ?? link.Snapshot.DefaultLanguage;
    }
}
