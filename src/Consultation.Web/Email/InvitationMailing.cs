namespace Consultation.Web.Email;

using Consultation.Web.Data;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// Puts invitation emails in the outbox, set-based: one statement for 10,000 people, not a job per email. A row holds no
/// words and no link: <see cref="InvitationDelivery"/> writes them when it is sent. The idempotency key
/// (<see cref="InvitationEmail.Key"/>) makes a second pass queue nothing twice.
/// </summary>
public static class InvitationMailing
{
    /// <summary>
    /// Queues the first invitation email of every invitation still waiting for one (pending, and its person may be emailed:
    /// <see cref="InvitationQueries.InvitationsToEmail"/>) in open consultations, or in <paramref name="consultationId"/> alone.
    /// Invitations to a consultation not open yet wait: the recurring run queues them once it opens. Returns how many were queued.
    /// </summary>
    public static Task<int> QueueWaitingAsync(ConsultationDbContext db, Guid? consultationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        // The same rule as InvitationsToEmail and Invitation.MayBeEmailedRule, in SQL: pending is never declined, completed or revoked.
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO outbound_emails (id, idempotency_key, kind, recipient, language, subject, carries_answers, invitation_id,
                                         status, attempts, next_attempt_at, created_at)
            SELECT gen_random_uuid(), 'invitation:' || i.id, 'Invitation', s.email, i.language, '', false, i.id,
                   'Queued', 0, {now}, {now}
            FROM invitations i
            JOIN stakeholders s ON s.id = i.stakeholder_id
            JOIN consultations c ON c.id = i.consultation_id
            WHERE i.status = 'Pending' AND NOT i.has_opted_out AND NOT s.never_email AND c.status = 'Open'
              AND ({consultationId}::uuid IS NULL OR i.consultation_id = {consultationId})
            ORDER BY s.normalised_email
            ON CONFLICT (idempotency_key) DO NOTHING
            """, cancellationToken);
    }
}
