using Consultation.Web.Data;
using Consultation.Web.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Consultation.Web.Infrastructure;

namespace Consultation.Web.Pages.Respond;

/// <summary>The confirmation: what happens now, and until the deadline, how to change or print the answers given.</summary>
public sealed class ThankYouModel(ConsultationDbContext db, TimeProvider time, PublicLinks links) : PageModel
{
    public RespondentLink Link { get; private set; } = null!;
    public string Language { get; private set; } = "";

    /// <summary>Whether the answers can still be changed: the response is there and the consultation still takes answers.</summary>
    public bool CanChange { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromRoute] string? slug, [FromRoute] string? token, [FromRoute] string? resume, CancellationToken cancellationToken)
    {
        var (link, problem) = await RespondentLink.LoadAsync(db, slug, token, cancellationToken, resume);
        if (link is null)
            return this.Unavailable(problem!.Value);
        if (link.Response is { IsSubmitted: false } || (link.Response is null && link.Invitation is { IsCompleted: false }))
            return Redirect($"{link.BasePath}/answer");
        Link = link;
        Language = link.Language(HttpContext);
        CanChange = link.Response is not null && link.Consultation.AcceptsResponses(time.GetUtcNow());
        return Page();
    }

    public string Text(TextField field) => Link.Text(Language, ElementKey.Consultation, field);

    /// <summary>The link to come back with, for a public-link respondent: their resume link.</summary>
    public string? ReturnLink => Link.ResumeToken is null ? null : links.Absolute($"{Link.BasePath}/thank-you");
}
