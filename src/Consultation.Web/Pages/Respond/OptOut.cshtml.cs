namespace Consultation.Web.Pages.Respond;

using Consultation.Web.Data;
using Consultation.Web.Domain;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

/// <summary>
/// "No more emails about this consultation", from a personal link: the GET only asks (mail scanners follow links), the button
/// opts out. The same address is the email's List-Unsubscribe, to which mail providers post <c>List-Unsubscribe=One-Click</c>
/// without cookies or a form token (RFC 8058), so antiforgery is checked here by hand: the page's form must carry its token,
/// and only that exact one-click body goes without. A forged one-click post can do no more than a mail provider's: stop
/// emails to someone holding the link, which the link's secret already guards. The link keeps opening and receipts still go.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class OptOutModel(RespondentLinks links, TimeProvider time, ConsultationDbContext db, IAntiforgery antiforgery)
    : RespondentPageModel(links, time)
{
    public const string OneClickField = "List-Unsubscribe";
    public const string OneClickValue = "One-Click";

    public bool OptedOut { get; private set; }

    public string Title => Link.Text(Language, ElementKey.Consultation, TextField.Title);

    public void OnGet() => OptedOut = Link.Invitation!.HasOptedOut;

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await IsOneClickAsync(cancellationToken) && !await antiforgery.IsRequestValidAsync(HttpContext))
            return BadRequest();
        var invitation = Link.Invitation!;
        if (!invitation.HasOptedOut)
        {
            invitation.OptOut(Now, anonymously: Link.Consultation.IsAnonymous);
            // Only the opt-out's own columns are written, so a status changed meanwhile (opened, completed) stays.
            await db.SaveChangesAsync(cancellationToken);
        }
        OptedOut = true;
        return Page();
    }

    private async Task<bool> IsOneClickAsync(CancellationToken cancellationToken)
    {
        if (!Request.HasFormContentType)
            return false;
        var form = await Request.ReadFormAsync(cancellationToken);
        return form.Count == 1 && form.Files.Count == 0 && form.TryGetValue(OneClickField, out var value)
            && value.Count == 1 && string.Equals(value[0], OneClickValue, StringComparison.Ordinal);
    }
}
