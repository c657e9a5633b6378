using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Consultation.Web.Pages.Respond;

/// <summary>The page a link opens: what the consultation is for, how long it takes, how answers are used.</summary>
public sealed class LandingModel(ConsultationDbContext db, TimeProvider time) : PageModel
{
    public RespondentLink Link { get; private set; } = null!;
    public string Language { get; private set; } = "";
    public StatusReason? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromRoute] string? slug, [FromRoute] string? token, CancellationToken cancellationToken)
    {
        var (link, problem) = await RespondentLink.LoadAsync(db, slug, token, cancellationToken);
        if (link is null)
            return this.Unavailable(problem!.Value);
        if (link.Invitation is { IsCompleted: true })
            return Redirect($"{link.BasePath}/thank-you");

        var now = time.GetUtcNow();
        Problem = link.AnsweringProblem(now);
        if (Problem is { } answering)
            return this.Unavailable(answering, answering == StatusReason.ConsultationNotOpenYet ? link.Consultation.OpensAt : link.Consultation.ClosesAt);

        await link.MarkOpenedAsync(db, now, cancellationToken);
        Link = link;
        Language = link.Language(HttpContext);
        return Page();
    }

    public string Text(TextField field) => Link.Text(Language, ElementKey.Consultation, field);
}
