namespace Consultation.Web.Pages.Respond;

using Consultation.Web.Domain;
using Consultation.Web.Infrastructure;
using Consultation.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

/// <summary>
/// The page a link opens: what the consultation is for, how long it takes, until when, and how answers are used.
/// Before the consultation opens it says when it will; after it closes the status page says so.
/// </summary>
public sealed class LandingModel(RespondentLinks links, TimeProvider time) : RespondentPageModel(links, time)
{
    /// <summary>Whether the consultation is scheduled and not open yet: the page then says when it opens, and offers no start.</summary>
    public bool NotOpenYet { get; private set; }

    /// <summary>When a scheduled consultation opens.</summary>
    public ZonedMoment? Opens { get; private set; }

    /// <summary>When the consultation closes; null when it has no closing date.</summary>
    public ZonedMoment? Closes { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Link.Invitation is { IsCompleted: true } || Link.Response is { IsSubmitted: true })
            return Redirect($"{Link.BasePath}/thank-you");

        var now = Now;
        var answering = Link.AnsweringProblem(now);
        if (answering == StatusReason.ConsultationClosed)
            return this.Unavailable(answering.Value, Link.Consultation.ClosesAt);

        var consultation = Link.Consultation;
        Closes = consultation.ClosesAt is { } closes ? ZonedMoment.In(closes, consultation.TimeZone, Language) : null;
        if (answering == StatusReason.ConsultationNotOpenYet)
        {
            NotOpenYet = true;
            Opens = consultation.OpensAt is { } opens ? ZonedMoment.In(opens, consultation.TimeZone, Language) : null;
            return Page();
        }
        await Links.MarkOpenedAsync(Link, now, cancellationToken);
        return Page();
    }

    /// <summary>Whether answers were saved through this link: the page then continues where the respondent stopped.</summary>
    public bool HasStarted => Link.Response is not null;

    public string Text(TextField field) => Link.Text(Language, ElementKey.Consultation, field);
}
