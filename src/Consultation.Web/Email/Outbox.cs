namespace Consultation.Web.Email;

using Consultation.Web.Data;
using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// Starts delivery soon. Jobs/ provides it (it enqueues the delivery job), so that the outbox, which the jobs use,
/// need not know them.
/// </summary>
public delegate void StartDelivery();

/// <summary>
/// Queues messages, one row per idempotency key, with a nudge to delivery; and hands them out in batches to be sent.
/// Each batch is claimed with FOR UPDATE SKIP LOCKED, so two job servers never send the same message.
/// </summary>
public sealed class Outbox(ConsultationDbContext db, TimeProvider time, StartDelivery startDelivery)
{
    private const int BatchSize = 100;
    // A claim outlives any batch: a timeout (30 s) ends the batch and puts the rest back, so a batch waits at most one
    // or two of them; 15 minutes would take a server answering each of 100 messages in 9 s. No other run takes over a slow batch.
    private static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(15);

    /// <summary>Adds the message unless one with its key exists; the caller saves, then calls <see cref="DeliverSoon"/>.</summary>
    public async Task AddAsync(OutboundEmail email, CancellationToken cancellationToken)
    {
        if (!await db.OutboundEmails.AnyAsync(e => e.IdempotencyKey == email.IdempotencyKey, cancellationToken))
            db.OutboundEmails.Add(email);
    }

    /// <summary>Starts delivery now rather than at the next minute's run; the recurring run covers a lost nudge.</summary>
    public void DeliverSoon() => startDelivery();

    /// <summary>
    /// Takes the next messages due (and any whose claim ran out in a crash) for this run alone, oldest first; empty
    /// when nothing is due.
    /// </summary>
    public async Task<List<OutboundEmail>> ClaimAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var until = now + ClaimFor;
        // One statement: the rows are locked, skipped by any other claimer, and marked as ours atomically.
        var ids = await db.Database.SqlQuery<Guid>($"""
            UPDATE outbound_emails SET status = 'Sending', claimed_until = {until}
            WHERE id IN (
                SELECT id FROM outbound_emails
                WHERE (status = 'Queued' AND next_attempt_at <= {now}) OR (status = 'Sending' AND claimed_until < {now})
                ORDER BY next_attempt_at
                LIMIT {BatchSize}
                FOR UPDATE SKIP LOCKED)
            RETURNING id AS "Value"
            """).ToListAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return await db.OutboundEmails.Where(e => ids.Contains(e.Id)).OrderBy(e => e.CreatedAt).ToListAsync(cancellationToken);
    }
}
