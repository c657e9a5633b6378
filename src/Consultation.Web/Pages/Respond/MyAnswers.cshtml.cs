namespace Consultation.Web.Pages.Respond;

using Consultation.Web.Domain;
using Consultation.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

/// <summary>A respondent's own answers on one page, to print or save: reached only through the link that holds them.</summary>
public sealed class MyAnswersModel(RespondentLinks links, TimeProvider time) : RespondentPageModel(links, time)
{
    public AnswerList List { get; private set; } = null!;

    public IActionResult OnGet()
    {
        if (Link.Response is not { } response)
            return Redirect(Link.BasePath);
        // A submitted response shows what was submitted; a draft, what is saved so far.
        var answers = response.IsSubmitted ? response.Answers : AnswerFields.Lenient(Link.Snapshot, response.Fields);
        var pages = new QuestionnairePages(Link.Snapshot, answers);
        List = new AnswerList(Link, Language, pages, answers, new Dictionary<string, string>(), CanChange: false);
        return Page();
    }

    public string Title => Link.Text(Language, ElementKey.Consultation, TextField.Title);
}
