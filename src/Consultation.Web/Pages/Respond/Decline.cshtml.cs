namespace Consultation.Web.Pages.Respond;

using Consultation.Web.Data;
using Consultation.Web.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// "I will not take part", from a personal link: the GET only asks (mail scanners follow links), the button declines. No more
/// invitations or reminders follow; the link keeps opening, and answering after all completes the invitation.
/// </summary>
public sealed class DeclineModel(RespondentLinks links, TimeProvider time, ConsultationDbContext db) : RespondentPageModel(links, time)
{
    public bool Declined { get; private set; }

    /// <summary>Whether answers came through this invitation: there is then nothing to decline.</summary>
    public bool Answered => Link.Invitation is { IsCompleted: true } || Link.Response is { IsSubmitted: true };

    public string Title => Link.Text(Language, ElementKey.Consultation, TextField.Title);

    public void OnGet() => Declined = Link.Invitation!.IsDeclined;

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var invitation = Link.Invitation!;
        if (Answered)
            return Page();
        var before = invitation.Status;
        invitation.Decline(Now, anonymously: Link.Consultation.IsAnonymous);
        // Conditional, as opening is: a completion landing meanwhile (the anonymous job's) is never overwritten by a decline.
        var changed = invitation.Status == before || await db.Invitations.Where(i => i.Id == invitation.Id && i.Status == before)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.Status, invitation.Status).SetProperty(i => i.DeclinedAt, invitation.DeclinedAt), cancellationToken) == 1;
        if (!changed)
            return Redirect($"{Link.BasePath}/decline");
        Declined = true;
        return Page();
    }
}
