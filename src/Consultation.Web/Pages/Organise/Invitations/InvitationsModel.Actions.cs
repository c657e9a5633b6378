namespace Consultation.Web.Pages.Organise.Invitations;

using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

/// <summary>What an organiser does to one invitation: send it again, withdraw it, or see its personal link (named consultations only).</summary>
public sealed partial class InvitationsModel
{
    /// <summary>
    /// Queues the invitation email again. The outbox row holds no link: delivery gives it the same link in a named
    /// consultation and a fresh one in an anonymous one (ADR 0018), and cancels it if the person may no longer be emailed by then.
    /// </summary>
    public async Task<IActionResult> OnPostResendAsync([FromRoute] Guid consultationId, [FromForm] Guid invitationId, CancellationToken cancellationToken)
    {
        var consultation = await db.Consultations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == consultationId, cancellationToken);
        if (consultation is null)
            return NotFound();
        var invitation = await db.Invitations.AsNoTracking().FirstOrDefaultAsync(i => i.Id == invitationId && i.ConsultationId == consultationId, cancellationToken);
        if (invitation is null)
            return await RefusedAsync(consultationId, NotInThisConsultation, StatusCodes.Status404NotFound, cancellationToken);
        var person = await db.Stakeholders.AsNoTracking().FirstAsync(p => p.Id == invitation.StakeholderId, cancellationToken);
        var now = time.GetUtcNow();
        if (WhyNotSent(consultation, invitation, person, now) is { } why)
            return await RefusedAsync(consultationId, why, StatusCodes.Status200OK, cancellationToken);
        // A second click before the first email has gone would send it twice.
        if (await db.OutboundEmails.AnyAsync(e => e.InvitationId == invitation.Id && (e.Status == EmailStatus.Queued || e.Status == EmailStatus.Sending), cancellationToken))
            return await RefusedAsync(consultationId, s["An email to this person is already waiting to be sent. Try again once it has gone."], StatusCodes.Status200OK, cancellationToken);

        await outbox.AddAsync(OutboundEmail.QueueForInvitation($"invitation:{invitation.Id}:resend:{Guid.NewGuid():N}", EmailKind.Invitation, invitation.Id,
            person.Email, invitation.Language, now), cancellationToken);
        audit.Record(AuditActions.InvitationResent, "invitation", invitation.Id.ToString());
        await db.SaveChangesAsync(cancellationToken);
        outbox.DeliverSoon();
        return RedirectToPage(new { consultationId, status = StatusFilter, q = Search, pageNumber = PageNumber, done = "resent" });
    }

    private string? WhyNotSent(Consultation consultation, Invitation invitation, Stakeholder person, DateTimeOffset now) =>
        invitation.Status == InvitationStatus.Revoked ? s["This invitation has been withdrawn: it is not sent again."].Value
        : invitation.IsCompleted ? s["This person has already answered: the invitation is not sent again."].Value
        : invitation.IsDeclined ? s["This person declined to take part: the invitation is not sent again."].Value
        : invitation.HasOptedOut ? s["This person asked for no more emails about this consultation: the invitation is not sent again."].Value
        : person.NeverEmail ? s["The registry says never to email this person: the invitation is not sent again."].Value
        : !consultation.AcceptsResponses(now) ? s["Invitations are sent only while the consultation is open."].Value
        : null;

    /// <summary>
    /// Withdraws the invitation: none of its links opens any more. Its row is locked first, so that an answer completing it
    /// at the same moment is seen (an answered invitation is not withdrawn) rather than overwritten.
    /// </summary>
    public async Task<IActionResult> OnPostRevokeAsync([FromRoute] Guid consultationId, [FromForm] Guid invitationId, CancellationToken cancellationToken)
    {
        if (!await db.Consultations.AnyAsync(c => c.Id == consultationId, cancellationToken))
            return NotFound();
        string? problem;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var locked = await db.Database.SqlQuery<Guid>(
                $"SELECT id AS \"Value\" FROM invitations WHERE id = {invitationId} AND consultation_id = {consultationId} FOR UPDATE").ToListAsync(cancellationToken);
            if (locked.Count == 0)
                return await RefusedAsync(consultationId, NotInThisConsultation, StatusCodes.Status404NotFound, cancellationToken);
            var invitation = await db.Invitations.SingleAsync(i => i.Id == invitationId, cancellationToken);
            problem = invitation.Status == InvitationStatus.Revoked ? s["This invitation has already been withdrawn."].Value
                : invitation.IsCompleted ? s["This person has already answered: an answered invitation cannot be withdrawn."].Value
                : null;
            if (problem is null)
            {
                invitation.Revoke(time.GetUtcNow());
                audit.Record(AuditActions.InvitationRevoked, "invitation", invitation.Id.ToString());
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
        }
        return problem is null
            ? RedirectToPage(new { consultationId, status = StatusFilter, q = Search, pageNumber = PageNumber, done = "revoked" })
            : await RefusedAsync(consultationId, problem, StatusCodes.Status200OK, cancellationToken);
    }

    /// <summary>
    /// Shows one invitation's personal link, to pass on another way. Named consultations only: an anonymous consultation's
    /// links cannot be made again (ADR 0018). Shown on its own, never in the list, so that the links do not all sit in one page.
    /// </summary>
    public async Task<IActionResult> OnPostCopyLinkAsync([FromRoute] Guid consultationId, [FromForm] Guid invitationId, CancellationToken cancellationToken)
    {
        var consultation = await db.Consultations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == consultationId, cancellationToken);
        if (consultation is null || consultation.IsAnonymous)
            return NotFound();
        var invitation = await db.Invitations.FirstOrDefaultAsync(i => i.Id == invitationId && i.ConsultationId == consultationId, cancellationToken);
        if (invitation is null)
            return await RefusedAsync(consultationId, NotInThisConsultation, StatusCodes.Status404NotFound, cancellationToken);
        if (!invitation.IsUsable)
            return await RefusedAsync(consultationId, s["This invitation has been withdrawn: its links no longer open."], StatusCodes.Status200OK, cancellationToken);

        var link = links.LinkFor(invitation) ?? links.IssueFreshLink(invitation, consultation, time.GetUtcNow());
        audit.Record(AuditActions.InvitationLinkCopied, "invitation", invitation.Id.ToString());
        await db.SaveChangesAsync(cancellationToken);
        var person = await db.Stakeholders.AsNoTracking().FirstAsync(p => p.Id == invitation.StakeholderId, cancellationToken);
        await LoadAsync(consultationId, cancellationToken);
        (CopiedLink, CopiedFor) = (link, person.Name);
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    private string NotInThisConsultation => s["This invitation is not one of this consultation's. Choose one from the list below."];

    private async Task<IActionResult> RefusedAsync(Guid consultationId, string problem, int status, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        Problem = problem;
        await LoadAsync(consultationId, cancellationToken);
        var page = Page();
        page.StatusCode = status;
        return page;
    }
}
