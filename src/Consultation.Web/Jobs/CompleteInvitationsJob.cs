namespace Consultation.Web.Jobs;

using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Email;
using Consultation.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

/// <summary>
/// Marks the invitations of anonymous responses completed and sends their receipts, all pending ones together in one
/// transaction of its own (see <see cref="PendingCompletion"/>). A second run finds nothing pending.
/// </summary>
public sealed class CompleteInvitationsJob(ConsultationDbContext db, TimeProvider time, Outbox outbox, IStringLocalizer<SharedResource> s)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var pending = await db.PendingCompletions.ToListAsync(cancellationToken);
        if (pending.Count == 0)
            return;
        var ids = pending.Select(p => p.InvitationId).ToList();
        var invitations = await db.Invitations.Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);
        var consultationIds = invitations.Values.Select(i => i.ConsultationId).Distinct().ToList();
        var versions = new Dictionary<Guid, QuestionnaireVersion?>();
        foreach (var consultationId in consultationIds)
            versions[consultationId] = await db.QuestionnaireVersions.LatestAsync(consultationId, cancellationToken);
        var stakeholderIds = invitations.Values.Select(i => i.StakeholderId).ToList();
        var emails = await db.Stakeholders.Where(st => stakeholderIds.Contains(st.Id)).ToDictionaryAsync(st => st.Id, st => st.Email, cancellationToken);

        var now = time.GetUtcNow();
        var receipts = false;
        foreach (var completion in pending)
        {
            db.PendingCompletions.Remove(completion);
            if (!invitations.TryGetValue(completion.InvitationId, out var invitation) || invitation.IsCompleted || !invitation.IsUsable)
                continue;
            invitation.Complete(now, anonymously: true);
            if (versions[invitation.ConsultationId] is { } version && emails.TryGetValue(invitation.StakeholderId, out var email))
            {
                await outbox.AddAsync(ReceiptEmail.Build(version.Snapshot, invitation, email, AnswerSet.Empty, completion.Language, null, s, now), cancellationToken);
                receipts = true;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        if (receipts)
            outbox.DeliverSoon();
    }
}
