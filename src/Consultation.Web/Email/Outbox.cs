using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Jobs;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Consultation.Web.Email;

/// <summary>Queues messages: one row per idempotency key, then a nudge to the delivery job.</summary>
public sealed class Outbox(ConsultationDbContext db, IBackgroundJobClient jobs)
{
    /// <summary>Adds the message unless one with its key exists; the caller saves, then calls <see cref="DeliverSoon"/>.</summary>
    public async Task AddAsync(OutboundEmail email, CancellationToken cancellationToken)
    {
        if (!await db.OutboundEmails.AnyAsync(e => e.IdempotencyKey == email.IdempotencyKey, cancellationToken))
            db.OutboundEmails.Add(email);
    }

    /// <summary>Starts delivery now rather than at the next minute's run; the recurring run covers a lost nudge.</summary>
    public void DeliverSoon() => jobs.Enqueue<DeliverEmailsJob>(job => job.RunAsync(CancellationToken.None));
}
