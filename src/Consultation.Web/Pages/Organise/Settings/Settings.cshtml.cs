namespace Consultation.Web.Pages.Organise.Settings;

using System.Globalization;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Email;
using Consultation.Web.Infrastructure;
using Consultation.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;

/// <summary>A consultation's settings: edited with a check that nobody saved in between; duplicated; archived.</summary>
public sealed class SettingsModel(ConsultationDbContext db, StaffAudit audit, TimeProvider time, IStringLocalizer<SharedResource> s) : PageModel
{
    [BindProperty]
    public SettingsInput Input { get; set; } = new();

    public Guid ConsultationId { get; private set; }
    public string Title { get; private set; } = "";
    public ConsultationStatus Status { get; private set; }
    public bool CanBeArchived { get; private set; }
    public bool Saved { get; private set; }

    /// <summary>The version a save of a live consultation's texts published, to say so.</summary>
    public int? Published { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid consultationId, [FromQuery] bool saved, [FromQuery] int? published, CancellationToken cancellationToken)
    {
        if (await LoadAsync(consultationId, cancellationToken) is not { } consultation)
            return NotFound();
        Input = SettingsInput.From(consultation);
        (Saved, Published) = (saved, published);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync([FromRoute] Guid consultationId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(consultationId, cancellationToken) is not { } consultation)
            return NotFound();
        (Input.IsDraft, Input.IsArchived) = (consultation.IsDraft, consultation.IsArchived);
        if (consultation.IsArchived)
        {
            ModelState.AddModelError("", s["This consultation is archived: its settings can be read but not changed."]);
            return Page();
        }
        await Input.ValidateAsync(ModelState, s, db, consultation, cancellationToken);
        if (!ModelState.IsValid)
            return Page();

        // The save succeeds only if the row is still at the version the form was read at.
        db.Entry(consultation).Property(c => c.Version).OriginalValue = Input.Version;
        var now = time.GetUtcNow();
        try
        {
            Input.ApplyTo(consultation, now);
            // A language added now starts with the default wording of the emails, while the default language has it too.
            EmailDefaults.Adopt(consultation, s);
        }
        catch (DomainException)
        {
            ModelState.AddModelError("", s["These settings are not possible. Check them and try again."]);
            return Page();
        }
        // Written even when only texts changed, so the row's version moves with every save.
        db.Entry(consultation).Property(c => c.UpdatedAt).IsModified = true;
        Audit(AuditActions.ConsultationSettingsChanged, consultation.Id);
        // Only the consultation's own texts are loaded here, and only those can change: a new version carries them.
        var published = await LiveVersions.PublishTextChangesAsync(db, audit, consultation, now, cancellationToken);
        try
        {
            if (!await db.TrySaveAsync(cancellationToken))
            {
                // Keep everything typed; the form now carries the newer version, so saving again replaces the other change knowingly.
                var current = await LoadAsync(consultationId, cancellationToken);
                ModelState.Remove("Input.Version");
                Input.Version = current?.Version ?? 0;
                ModelState.AddModelError("", s["Someone else saved changes to this consultation while you were editing. Nothing you typed here was saved: check it below and save again to replace their changes."]);
                return Page();
            }
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            ModelState.AddModelError("Input.Slug", s["The link /c/{0} is already taken by another consultation. Choose another.", Input.Slug!]);
            return Page();
        }
        return RedirectToPage(new { consultationId, saved = true, published = published?.Number });
    }

    public async Task<IActionResult> OnPostDuplicateAsync([FromRoute] Guid consultationId, CancellationToken cancellationToken)
    {
        var original = await db.Consultations
            .Include(c => c.Sections).ThenInclude(x => x.Questions).ThenInclude(q => q.Options)
            .Include(c => c.Sections).ThenInclude(x => x.Questions).ThenInclude(q => q.Rows)
            .Include(c => c.Texts)
            .AsSplitQuery().AsNoTracking()
            .FirstOrDefaultAsync(c => c.Id == consultationId, cancellationToken);
        if (original is null)
            return NotFound();
        var userId = User.RequiredStaffUserId();
        var user = await db.Users.SingleAsync(u => u.Id == userId, cancellationToken);
        var now = time.GetUtcNow();
        var copy = original.Duplicate(await FreeSlugAsync(original.Slug, cancellationToken), now);
        db.Consultations.Add(copy);
        db.ConsultationMembers.Add(ConsultationMember.Add(copy, user.Id, MemberRole.Organiser, now));
        Audit(AuditActions.ConsultationDuplicated, copy.Id);
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage(new { consultationId = copy.Id });
    }

    public async Task<IActionResult> OnPostArchiveAsync([FromRoute] Guid consultationId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(consultationId, cancellationToken) is not { } consultation)
            return NotFound();
        Input = SettingsInput.From(consultation);
        var now = time.GetUtcNow();
        try
        {
            consultation.Archive(now);
        }
        catch (DomainException)
        {
            ModelState.AddModelError("", s["Only a draft or closed consultation can be archived. Close it first."]);
            return Page();
        }
        Audit(AuditActions.ConsultationArchived, consultation.Id);
        if (!await db.TrySaveAsync(cancellationToken))
        {
            ModelState.AddModelError("", s["Someone else changed this consultation at the same time. Check it below and try again."]);
            Input = SettingsInput.From((await LoadAsync(consultationId, cancellationToken))!);
            return Page();
        }
        return RedirectToPage(new { consultationId });
    }

    private async Task<Consultation?> LoadAsync(Guid consultationId, CancellationToken cancellationToken)
    {
        var consultation = await db.Consultations
            .WithEmailTexts()
            .FirstOrDefaultAsync(c => c.Id == consultationId, cancellationToken);
        if (consultation is null)
            return null;
        ConsultationId = consultation.Id;
        Status = consultation.Status;
        CanBeArchived = consultation.CanBeArchived;
        Title = (await ConsultationTitles.InAsync(db, [consultation], CultureInfo.CurrentUICulture.Name, cancellationToken))[consultation.Id];
        return consultation;
    }

    /// <summary>The original's link with "-copy" (then "-copy-2", "-copy-3"…), kept within the link's 100 characters.</summary>
    private async Task<string> FreeSlugAsync(string slug, CancellationToken cancellationToken)
    {
        var stem = (slug.Length > 88 ? slug[..88].TrimEnd('-') : slug) + "-copy";
        var taken = await db.Consultations.Where(c => c.Slug.StartsWith(stem)).Select(c => c.Slug).ToListAsync(cancellationToken);
        if (!taken.Contains(stem))
            return stem;
        var n = 2;
        while (taken.Contains($"{stem}-{n}"))
            n++;
        return $"{stem}-{n}";
    }

    private void Audit(string action, Guid consultationId) => audit.Record(action, "consultation", consultationId.ToString(), consultationId);
}
