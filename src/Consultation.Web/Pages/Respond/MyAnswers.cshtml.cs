using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Consultation.Web.Pages.Respond;

/// <summary>A respondent's own answers on one page, to print or save: reached only through the link that holds them.</summary>
public sealed class MyAnswersModel(ConsultationDbContext db) : PageModel
{
    public RespondentLink Link { get; private set; } = null!;
    public string Language { get; private set; } = "";
    public AnswerList List { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync([FromRoute] string? slug, [FromRoute] string? token, [FromRoute] string? resume, CancellationToken cancellationToken)
    {
        var (link, problem) = await RespondentLink.LoadAsync(db, slug, token, cancellationToken, resume);
        if (link is null)
            return this.Unavailable(problem!.Value);
        if (link.Response is not { } response)
            return Redirect(link.BasePath);
        Link = link;
        Language = link.Language(HttpContext);
        // A submitted response shows what was submitted; a draft, what is saved so far.
        var answers = response.IsSubmitted ? response.Answers : AnswerFields.Lenient(link.Snapshot, response.Fields);
        var pages = new QuestionnairePages(link.Snapshot, answers);
        List = new AnswerList(link, Language, pages, answers, new Dictionary<string, string>(), CanChange: false);
        return Page();
    }

    public string Title => Link.Text(Language, ElementKey.Consultation, TextField.Title);
}
