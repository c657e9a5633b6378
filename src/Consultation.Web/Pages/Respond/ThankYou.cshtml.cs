namespace Consultation.Web.Pages.Respond;

using Consultation.Web.Domain;
using Consultation.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

/// <summary>The confirmation: what happens now, and until the deadline, how to change or print the answers given.</summary>
public sealed class ThankYouModel(RespondentLinks links, TimeProvider time, PublicLinks publicLinks) : RespondentPageModel(links, time)
{

    /// <summary>Whether the answers can still be changed: the response is there and the consultation still takes answers.</summary>
    public bool CanChange { get; private set; }

    public IActionResult OnGet()
    {
        if (Link.Response is { IsSubmitted: false } || (Link.Response is null && Link.Invitation is { IsCompleted: false }))
            return Redirect($"{Link.BasePath}/answer");
        CanChange = Link.Response is not null && Link.Consultation.AcceptsResponses(Now);
        return Page();
    }

    public string Text(TextField field) => Link.Text(Language, ElementKey.Consultation, field);

    /// <summary>The link to come back with, for a public-link respondent: their resume link.</summary>
    public string? ReturnLink => Link.ResumeToken is null ? null : publicLinks.Absolute($"{Link.BasePath}/thank-you");
}
