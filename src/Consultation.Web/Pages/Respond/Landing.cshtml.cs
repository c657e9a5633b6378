using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Consultation.Web.Pages.Respond;

/// <summary>
/// The page a link opens: what the consultation is for, how long it takes, until when, and how answers are used.
/// Before the consultation opens it says when it will; after it closes the status page says so.
/// </summary>
public sealed class LandingModel(ConsultationDbContext db, TimeProvider time) : PageModel
{
    public RespondentLink Link { get; private set; } = null!;
    public string Language { get; private set; } = "";

    /// <summary>Whether the consultation is scheduled and not open yet: the page then says when it opens, and offers no start.</summary>
    public bool NotOpenYet { get; private set; }

    /// <summary>When a scheduled consultation opens.</summary>
    public ZonedMoment? Opens { get; private set; }

    /// <summary>When the consultation closes; null when it has no closing date.</summary>
    public ZonedMoment? Closes { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromRoute] string? slug, [FromRoute] string? token, [FromRoute] string? resume, CancellationToken cancellationToken)
    {
        var (link, problem) = await RespondentLink.LoadAsync(db, slug, token, cancellationToken, resume);
        if (link is null)
            return this.Unavailable(problem!.Value);
        if (link.Invitation is { IsCompleted: true } || link.Response is { IsSubmitted: true })
            return Redirect($"{link.BasePath}/thank-you");

        var now = time.GetUtcNow();
        var answering = link.AnsweringProblem(now);
        if (answering == StatusReason.ConsultationClosed)
            return this.Unavailable(answering.Value, link.Consultation.ClosesAt);

        Link = link;
        Language = link.Language(HttpContext);
        var consultation = link.Consultation;
        Closes = consultation.ClosesAt is { } closes ? ZonedMoment.In(closes, consultation.TimeZone, Language) : null;
        if (answering == StatusReason.ConsultationNotOpenYet)
        {
            NotOpenYet = true;
            Opens = consultation.OpensAt is { } opens ? ZonedMoment.In(opens, consultation.TimeZone, Language) : null;
            return Page();
        }
        await link.MarkOpenedAsync(db, now, cancellationToken);
        return Page();
    }

    /// <summary>Whether answers were saved through this link: the page then continues where the respondent stopped.</summary>
    public bool HasStarted => Link.Response is not null;

    public string Text(TextField field) => Link.Text(Language, ElementKey.Consultation, field);
}
