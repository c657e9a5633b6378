namespace Consultation.Web.Email;

using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

/// <summary>
/// Writes the messages the outbox keeps no words for (<see cref="OutboundEmail.IsRenderedAtDelivery"/>) as they are sent,
/// with the invitation's link (derived in a named consultation, issued fresh in an anonymous one: ADR 0018), and writes
/// what became of each back to its invitation. A message whose person may no longer be emailed is cancelled instead.
/// One per delivery run: it keeps the consultations it has loaded.
/// </summary>
public sealed class InvitationDelivery(ConsultationDbContext db, InvitationLinks links, IStringLocalizer<SharedResource> s, TimeProvider time)
{
    private readonly Dictionary<Guid, Consultation> _consultations = [];
    private Dictionary<Guid, Invitation> _invitations = [];
    private Dictionary<Guid, Stakeholder> _people = [];

    /// <summary>Loads the invitations (with their links) and people of a claimed batch in two queries, not two per email.</summary>
    public async Task PrepareAsync(List<OutboundEmail> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var ids = batch.Where(e => e.InvitationId is not null).Select(e => e.InvitationId!.Value).ToList();
        _invitations = ids.Count == 0 ? [] : await db.Invitations.Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);
        var people = _invitations.Values.Select(i => i.StakeholderId).Distinct().ToList();
        _people = await db.Stakeholders.AsNoTracking().Where(p => people.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
    }

    /// <summary>
    /// The email to send now, or null when it may no longer go (then it is cancelled, with the reason). A link issued for it
    /// is saved before the email leaves, so that the link opens as soon as the email arrives. Its batch was prepared
    /// (<see cref="PrepareAsync"/>).
    /// </summary>
    public async Task<RenderedEmail?> RenderAsync(OutboundEmail email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        var invitation = email.InvitationId is { } id ? _invitations.GetValueOrDefault(id) : null;
        var person = invitation is null ? null : _people.GetValueOrDefault(invitation.StakeholderId);
        if (invitation is null || person is null)
            return Cancel(email, "The invitation no longer exists.");
        if (!invitation.MayBeEmailed(person.NeverEmail))
            return Cancel(email, WhyNot(invitation, person));
        var consultation = await ConsultationAsync(invitation.ConsultationId, cancellationToken);
        if (consultation.Status == ConsultationStatus.Closed)
            return Cancel(email, "The consultation closed before this email was sent.");

        var now = time.GetUtcNow();
        var link = consultation.IsAnonymous ? null : links.LinkFor(invitation);
        if (link is null)
        {
            link = links.IssueFreshLink(invitation, consultation, now);
            await db.SaveChangesAsync(cancellationToken);
        }
        var recipient = new EmailRecipient(person.Name, person.PreferredLanguage, person.TimeZone);
        return InvitationEmail.Render(consultation, recipient, InvitationLinks.EmailLinksFor(link), s);
    }

    /// <summary>Writes the message's outcome (sent, or failed for good) to its invitation; the caller saves.</summary>
    public void Record(OutboundEmail email)
    {
        ArgumentNullException.ThrowIfNull(email);
        // From the batch's own list: DbSet.Local would detect changes over every tracked row at each message.
        if (email.InvitationId is not { } id || _invitations.GetValueOrDefault(id) is not { } invitation)
            return;
        if (email.Status == EmailStatus.Sent)
            invitation.Delivered(email.SentAt ?? time.GetUtcNow());
        else if (email.Status == EmailStatus.Failed)
            invitation.DeliveryFailed(email.LastError ?? "The email could not be delivered.");
    }

    private static RenderedEmail? Cancel(OutboundEmail email, string reason)
    {
        email.Cancel(reason);
        return null;
    }

    private static string WhyNot(Invitation invitation, Stakeholder person) =>
        person.NeverEmail ? "The registry marks this person \"never email\"."
        : invitation.HasOptedOut ? "The person opted out of this consultation's emails."
        : invitation.Status switch
        {
            InvitationStatus.Declined => "The person declined to take part.",
            InvitationStatus.Completed => "The person has already answered.",
            _ => "The invitation was withdrawn.",
        };

    /// <summary>The consultation with the texts an email needs, untracked (the default wordings it adopts are not saved).</summary>
    private async Task<Consultation> ConsultationAsync(Guid id, CancellationToken cancellationToken)
    {
        if (_consultations.TryGetValue(id, out var known))
            return known;
        var consultation = await db.Consultations.AsNoTracking()
            .WithEmailTexts()
            .FirstAsync(c => c.Id == id, cancellationToken);
        EmailDefaults.Adopt(consultation, s);
        return _consultations[id] = consultation;
    }
}
