namespace Consultation.Web.Jobs;

using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Email;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// Opens scheduled consultations and closes open ones when their times come, and sends the invitations that waited for an
/// opening. A second run finds nothing due.
/// </summary>
public sealed class OpenAndCloseConsultationsJob(ConsultationDbContext db, Outbox outbox, TimeProvider time)
{
    public const string Actor = "system";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = await db.Consultations
            .Where(c => (c.Status == ConsultationStatus.Scheduled && c.OpensAt <= now)
                || ((c.Status == ConsultationStatus.Open || c.Status == ConsultationStatus.Scheduled) && c.ClosesAt <= now))
            .ToListAsync(cancellationToken);
        foreach (var consultation in due)
        {
            if (consultation.ApplySchedule(now) is { } status)
                db.AuditEvents.Add(AuditEvent.Record(status == ConsultationStatus.Open ? AuditActions.ConsultationOpened : AuditActions.ConsultationClosed,
                    Actor, null, null, now, "consultation", consultation.Id.ToString(), consultation.Id));
        }
        // Nothing is saved when an organiser changed a consultation meanwhile (say, extended its deadline): the next run decides again.
        if (!await db.TrySaveAsync(cancellationToken))
            return;
        var queued = 0;
        foreach (var opened in due.Where(c => c.Status == ConsultationStatus.Open))
            queued += await InvitationMailing.QueueWaitingAsync(db, opened.Id, now, cancellationToken);
        if (queued > 0)
            outbox.DeliverSoon();
    }
}
