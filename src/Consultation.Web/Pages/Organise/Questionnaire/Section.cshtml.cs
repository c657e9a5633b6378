namespace Consultation.Web.Pages.Organise.Questionnaire;

using System.ComponentModel.DataAnnotations;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Infrastructure;
using Consultation.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

/// <summary>A section's title and code, in the default language.</summary>
public sealed class SectionModel(ConsultationDbContext db, StaffAudit audit, TimeProvider time, IStringLocalizer<SharedResource> s) : PageModel
{
    public Consultation Consultation { get; private set; } = null!;
    public Section Section { get; private set; } = null!;
    public string? Problem { get; private set; }
    public LiveState? Live { get; private set; }

    [BindProperty]
    public SectionInput Input { get; set; } = new();

    public sealed class SectionInput
    {
        [Required(ErrorMessage = "Enter a code")]
        public string Code { get; set; } = "";

        [Required(ErrorMessage = "Enter a title for the section")]
        [StringLength(ContentLimits.Title, ErrorMessage = "Enter no more than {1} characters")]
        public string Title { get; set; } = "";

        /// <summary>The section's row version when the form was shown.</summary>
        public uint Version { get; set; }
    }

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid consultationId, [FromRoute] string code, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(consultationId, code, cancellationToken))
            return NotFound();
        Input = new SectionInput
        {
            Code = Section.Code,
            Title = Consultation.DefaultText(ElementKey.Section(Section.Code), TextField.Title) ?? "",
            Version = Section.Version,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] Guid consultationId, [FromRoute] string code, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(consultationId, code, cancellationToken))
            return NotFound();
        if (Consultation.IsArchived)
        {
            Problem = s[Consultation.ArchivedIsReadOnly];
            return Page();
        }
        if (!ModelState.IsValid)
            return Page();
        var newCode = Input.Code.Trim();
        try
        {
            Consultation.RecodeSection(Section.Code, newCode);
        }
        catch (DomainException e)
        {
            ModelState.AddModelError("Input.Code", s.Explain(e));
            return Page();
        }
        Consultation.SetText(ElementKey.Section(newCode), TextField.Title, Consultation.DefaultLanguage, Input.Title.Trim());
        // Saved even when nothing in its own row changed, so that the row version is checked and moves.
        Section.Touch(time.GetUtcNow());
        db.Entry(Section).Property(x => x.UpdatedAt).IsModified = true;
        db.Entry(Section).Property(x => x.Version).OriginalValue = Input.Version;
        audit.Record(AuditActions.SectionChanged, "section", $"{consultationId}/{newCode}");
        var published = await LiveVersions.PublishTextChangesAsync(db, audit, Consultation, time.GetUtcNow(), cancellationToken);
        if (!await db.TrySaveAsync(cancellationToken))
        {
            Problem = s["Someone else saved this section while you were editing it. Your changes are below, not saved: compare them with the current version and save again."];
            await LoadAsync(consultationId, code, cancellationToken);
            Input.Version = Section.Version;
            return Page();
        }
        return Redirect($"/organise/{consultationId}/questionnaire{(published is null ? "" : $"?published={published.Number}")}#section-{newCode}");
    }

    private async Task<bool> LoadAsync(Guid consultationId, string code, CancellationToken cancellationToken)
    {
        var consultation = await QuestionnaireLoader.LoadAsync(db, consultationId, cancellationToken);
        var section = consultation?.Sections.FirstOrDefault(x => x.Code == code);
        if (consultation is null || section is null)
            return false;
        (Consultation, Section) = (consultation, section);
        Live = await LiveVersions.StateAsync(db, consultation, cancellationToken);
        return true;
    }
}
