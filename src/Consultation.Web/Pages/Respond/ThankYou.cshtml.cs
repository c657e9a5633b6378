using Consultation.Web.Data;
using Consultation.Web.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Consultation.Web.Infrastructure;

namespace Consultation.Web.Pages.Respond;

public sealed class ThankYouModel(ConsultationDbContext db) : PageModel
{
    public RespondentLink Link { get; private set; } = null!;
    public string Language { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync([FromRoute] string? slug, [FromRoute] string? token, CancellationToken cancellationToken)
    {
        var (link, problem) = await RespondentLink.LoadAsync(db, slug, token, cancellationToken);
        if (link is null)
            return this.Unavailable(problem!.Value);
        if (link.Invitation is { IsCompleted: false })
            return Redirect(link.BasePath);
        Link = link;
        Language = link.Language(HttpContext);
        return Page();
    }

    public string Text(TextField field) => Link.Text(Language, ElementKey.Consultation, field);
}
