namespace Consultation.Web.Pages.Organise.Stakeholders;

using System.Globalization;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Infrastructure;
using Consultation.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;

/// <summary>One person of the registry: edited with a check that nobody saved in between, and every consultation they were invited to.</summary>
public sealed class StakeholderModel(ConsultationDbContext db, StaffAudit audit, TimeProvider time, IStringLocalizer<SharedResource> s) : PageModel
{
    /// <summary>
    /// An invitation as the registry may show it. In an anonymous consultation only the state: the times it was
    /// opened and completed could be matched with a response's (ADR 0014).
    /// </summary>
    public sealed record InvitationRow(Guid ConsultationId, string Title, bool Anonymous, InvitationStatus Status, DateTimeOffset InvitedAt,
        DateTimeOffset? OpenedAt, DateTimeOffset? CompletedAt, bool OptedOut);

    [BindProperty]
    public StakeholderInput Input { get; set; } = new();

    public Guid StakeholderId { get; private set; }
    public string Name { get; private set; } = "";
    public bool Saved { get; private set; }
    public IReadOnlyList<InvitationRow> Invitations { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid stakeholderId, [FromQuery] bool saved, CancellationToken cancellationToken)
    {
        if (await LoadAsync(stakeholderId, cancellationToken) is not { } stakeholder)
            return NotFound();
        Input = StakeholderInput.From(stakeholder);
        Saved = saved;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] Guid stakeholderId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(stakeholderId, cancellationToken) is not { } stakeholder)
            return NotFound();
        await Input.ValidateAsync(ModelState, s, db.Visible(User), stakeholder.Id, cancellationToken);
        if (!ModelState.IsValid)
            return Page();

        // The save succeeds only if the row is still at the version the form was read at.
        db.Entry(stakeholder).Property(x => x.Version).OriginalValue = Input.Version;
        try
        {
            stakeholder.Edit(Input.ToDetails(), time.GetUtcNow());
        }
        catch (DomainException refusal)
        {
            ModelState.AddModelError("", s.Explain(refusal));
            return Page();
        }
        audit.Record(AuditActions.StakeholderChanged, "stakeholder", stakeholder.Id.ToString());
        try
        {
            if (!await db.TrySaveAsync(cancellationToken))
            {
                // Keep everything typed; the form now carries the newer version, so saving again replaces the other change knowingly.
                ModelState.Remove("Input.Version");
                Input.Version = (await LoadAsync(stakeholderId, cancellationToken))?.Version ?? 0;
                ModelState.AddModelError("", s["Someone else saved changes to this person while you were editing. Nothing you typed here was saved: check it below and save again to replace their changes."]);
                return Page();
            }
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            ModelState.AddModelError("Input.Email", s["Someone in the registry already has the address {0}.", Input.Email!.Trim()]);
            return Page();
        }
        return RedirectToPage(new { stakeholderId, saved = true });
    }

    private async Task<Stakeholder?> LoadAsync(Guid stakeholderId, CancellationToken cancellationToken)
    {
        var stakeholder = await db.Visible(User).FirstOrDefaultAsync(x => x.Id == stakeholderId, cancellationToken);
        if (stakeholder is null)
            return null;
        (StakeholderId, Name) = (stakeholder.Id, stakeholder.Name);
        var invitations = await db.Invitations.Where(i => i.StakeholderId == stakeholder.Id)
            .Join(db.Consultations, i => i.ConsultationId, c => c.Id, (i, c) => new { Invitation = i, Consultation = c })
            .OrderByDescending(x => x.Invitation.CreatedAt)
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        // After a merge one person may hold two invitations to one consultation (ADR 0017).
        var titles = await ConsultationTitles.InAsync(db, [.. invitations.Select(x => x.Consultation).DistinctBy(c => c.Id)], CultureInfo.CurrentUICulture.Name, cancellationToken);
        Invitations = [.. invitations.Select(x => x.Consultation.IsAnonymous
            ? new InvitationRow(x.Consultation.Id, titles[x.Consultation.Id], true, x.Invitation.Status, x.Invitation.CreatedAt, null, null, x.Invitation.HasOptedOut)
            : new InvitationRow(x.Consultation.Id, titles[x.Consultation.Id], false, x.Invitation.Status, x.Invitation.CreatedAt, x.Invitation.OpenedAt, x.Invitation.CompletedAt, x.Invitation.HasOptedOut))];
        return stakeholder;
    }
}
