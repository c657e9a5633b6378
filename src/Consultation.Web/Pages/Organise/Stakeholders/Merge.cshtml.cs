namespace Consultation.Web.Pages.Organise.Stakeholders;

using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Infrastructure;
using Consultation.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

/// <summary>
/// Two entries that are the same person become one: find the other entry, see both side by side with the result, choose
/// whose details are kept, and merge. The other's invitations move to the entry kept; the other is removed.
/// </summary>
public sealed class MergeStakeholderModel(ConsultationDbContext db, StaffAudit audit, TimeProvider time, IStringLocalizer<SharedResource> s) : PageModel
{
    public const int Found = 20;

    public sealed record Entry(Stakeholder Person, int Invitations);

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    /// <summary>The other entry, once chosen.</summary>
    [BindProperty(SupportsGet = true)] public Guid? With { get; set; }

    /// <summary>Whose details are kept: this entry's (the default) or the other's.</summary>
    [BindProperty(SupportsGet = true)] public Guid? Keep { get; set; }

    /// <summary>The row versions of the kept and removed entries as this page showed them.</summary>
    [BindProperty] public uint KeptVersion { get; set; }
    [BindProperty] public uint RemovedVersion { get; set; }

    public Guid StakeholderId { get; private set; }
    public Entry This { get; private set; } = null!;
    public Entry? Other { get; private set; }
    public Stakeholder? Result { get; private set; }
    public IReadOnlyList<Stakeholder> Candidates { get; private set; } = [];
    public bool KeepsThis => Keep is not { } keep || keep != With;

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid stakeholderId, CancellationToken cancellationToken) =>
        await LoadAsync(stakeholderId, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync([FromRoute] Guid stakeholderId, CancellationToken cancellationToken)
    {
        if (With is not { } with)
            return await LoadAsync(stakeholderId, cancellationToken) ? Page() : NotFound();
        var (keptId, removedId) = KeepsThis ? (stakeholderId, with) : (with, stakeholderId);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Both rows stay as read until the end: nobody edits them, and nobody invites the removed entry meanwhile.
        await db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM stakeholders WHERE id IN ({keptId}, {removedId}) ORDER BY id FOR UPDATE")
            .ToListAsync(cancellationToken);
        var kept = await db.Visible(User).FirstOrDefaultAsync(x => x.Id == keptId, cancellationToken);
        var removed = await db.Visible(User).FirstOrDefaultAsync(x => x.Id == removedId, cancellationToken);
        if (kept is null || removed is null)
            return await RefuseAsync(stakeholderId, s["One of these entries is no longer in the registry: someone may have merged or removed it. Nothing was merged."], cancellationToken);
        if (kept.Version != KeptVersion || removed.Version != RemovedVersion)
            return await RefuseAsync(stakeholderId, s["One of these entries was changed since this page was shown. Nothing was merged: check both again below."], cancellationToken);

        var invitations = await db.Invitations.Where(i => i.StakeholderId == removed.Id).ToListAsync(cancellationToken);
        try
        {
            kept.Absorb(removed, invitations, time.GetUtcNow());
        }
        catch (DomainException refusal)
        {
            return await RefuseAsync(stakeholderId, s.Explain(refusal), cancellationToken);
        }
        db.Stakeholders.Remove(removed);
        // The kept entry first, then the removed one.
        audit.Record(AuditActions.StakeholdersMerged, "stakeholders", $"{kept.Id} {removed.Id}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return RedirectToPage("/Organise/Stakeholders/Stakeholder", new { stakeholderId = kept.Id, saved = true });
    }

    private async Task<IActionResult> RefuseAsync(Guid stakeholderId, string message, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await db.Database.RollbackTransactionAsync(cancellationToken);
        ModelState.Clear();
        ModelState.AddModelError("", message);
        return await LoadAsync(stakeholderId, cancellationToken) ? Page() : NotFound();
    }

    /// <summary>This entry; then either people to choose from, or the other entry, and what merging them gives.</summary>
    private async Task<bool> LoadAsync(Guid stakeholderId, CancellationToken cancellationToken)
    {
        StakeholderId = stakeholderId;
        var registry = db.Visible(User).AsNoTracking();
        if (await EntryAsync(registry, stakeholderId, cancellationToken) is not { } entry)
            return false;
        This = entry;
        if (With is { } with)
        {
            Other = await EntryAsync(registry, with, cancellationToken);
            if (Other is null)
                ModelState.AddModelError("", s["The other entry is not in the registry: find it again below."]);
        }
        if (Other is null)
        {
            With = null;
            if (Q?.Trim() is { Length: > 0 } q)
                Candidates = await new RegistryFilter { Q = q }.Apply(registry).Where(x => x.Id != stakeholderId).Take(Found).ToListAsync(cancellationToken);
            return true;
        }

        var (kept, removed) = KeepsThis ? (This, Other) : (Other, This);
        (KeptVersion, RemovedVersion) = (kept.Person.Version, removed.Person.Version);
        try
        {
            // Untracked copies: merged here only to show the result, never saved.
            var result = await registry.SingleAsync(x => x.Id == kept.Person.Id, cancellationToken);
            result.Absorb(removed.Person, [], time.GetUtcNow());
            Result = result;
        }
        catch (DomainException refusal)
        {
            ModelState.AddModelError("", s.Explain(refusal));
        }
        return true;
    }

    private async Task<Entry?> EntryAsync(IQueryable<Stakeholder> registry, Guid id, CancellationToken cancellationToken) =>
        await registry.Where(x => x.Id == id)
            .Select(x => new Entry(x, db.Invitations.Count(i => i.StakeholderId == x.Id)))
            .SingleOrDefaultAsync(cancellationToken);
}
