namespace Consultation.Web.Data;

using Microsoft.EntityFrameworkCore;

/// <summary>Two people changing the same consultation at once: saving when someone else may have saved first, and taking turns.</summary>
public static class ConcurrentChanges
{
    /// <summary>
    /// Saves, or returns false when someone else saved first (a row's version moved since it was read). Then nothing is
    /// saved and the context forgets what it tracked, so the caller reloads what is there now and shows it with its message.
    /// </summary>
    public static Task<bool> TrySaveAsync(this ConsultationDbContext db, CancellationToken cancellationToken) =>
        db.TrySaveAsync<DbUpdateConcurrencyException>(cancellationToken);

    /// <summary>As <see cref="TrySaveAsync(ConsultationDbContext, CancellationToken)"/>, for a caller to whom any <typeparamref name="TRefusal"/> means someone else was first.</summary>
    public static async Task<bool> TrySaveAsync<TRefusal>(this ConsultationDbContext db, CancellationToken cancellationToken)
        where TRefusal : DbUpdateException
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (TRefusal)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>
    /// Locks the consultation's row until the transaction ends, so that changes which must not overlap happen one after
    /// the other; false when there is no such consultation.
    /// </summary>
    public static async Task<bool> LockConsultationAsync(this ConsultationDbContext db, Guid consultationId, CancellationToken cancellationToken)
    {
        var locked = await db.Database
            .SqlQuery<Guid>($"SELECT id AS \"Value\" FROM consultations WHERE id = {consultationId} FOR UPDATE")
            .ToListAsync(cancellationToken);
        return locked.Count > 0;
    }
}
