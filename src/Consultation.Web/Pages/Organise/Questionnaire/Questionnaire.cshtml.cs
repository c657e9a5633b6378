namespace Consultation.Web.Pages.Organise.Questionnaire;

using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

/// <summary>The questionnaire at a glance: sections and their questions, added, moved and removed with plain buttons.</summary>
public sealed class QuestionnaireModel(ConsultationDbContext db, Infrastructure.StaffAudit audit, IStringLocalizer<SharedResource> s) : PageModel
{
    public Consultation Consultation { get; private set; } = null!;
    public string Title { get; private set; } = "";
    public string? Problem { get; private set; }
    public LiveState? Live { get; private set; }

    /// <summary>The element whose removal waits for a confirmation (a question or section code).</summary>
    [FromQuery(Name = "remove")]
    public string? ConfirmRemoval { get; set; }

    [BindProperty]
    public NewSectionInput NewSection { get; set; } = new();

    public sealed class NewSectionInput
    {
        [StringLength(ContentLimits.Title, ErrorMessage = "Enter no more than {1} characters")]
        public string? Title { get; set; }
    }

    [BindProperty]
    public NewQuestionInput NewQuestion { get; set; } = new();

    public sealed class NewQuestionInput
    {
        public string? SectionCode { get; set; }
        public QuestionType Type { get; set; }

        [StringLength(ContentLimits.Title, ErrorMessage = "Enter no more than {1} characters")]
        public string? Label { get; set; }
    }

    public string Text(string elementKey, TextField field) => Consultation.DefaultText(elementKey, field) ?? "";

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid consultationId, CancellationToken cancellationToken) =>
        await LoadAsync(consultationId, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostAddSectionAsync([FromRoute] Guid consultationId, CancellationToken cancellationToken) =>
        ChangeAsync(consultationId, c =>
        {
            var title = NewSection.Title?.Trim() ?? "";
            if (title.Length == 0)
            {
                ModelState.AddModelError("NewSection.Title", s["Enter a title for the section"]);
                return null;
            }
            var section = c.AddSection(CodeSuggestion.From(title, "section", c.TakenCodes));
            c.SetText(ElementKey.Section(section.Code), TextField.Title, c.DefaultLanguage, title);
            return (AuditActions.SectionAdded, "section", section.Code);
        }, cancellationToken);

    public async Task<IActionResult> OnPostAddQuestionAsync([FromRoute] Guid consultationId, CancellationToken cancellationToken)
    {
        Question? added = null;
        var result = await ChangeAsync(consultationId, c =>
        {
            var label = NewQuestion.Label?.Trim() ?? "";
            if (label.Length == 0)
            {
                ModelState.AddModelError("NewQuestion.Label", s["Enter the question"]);
                return null;
            }
            var section = c.FindSection(NewQuestion.SectionCode ?? "");
            added = section.AddQuestion(c, CodeSuggestion.From(label, "q", c.TakenCodes), NewQuestion.Type, isRequired: false);
            c.SetText(ElementKey.Question(added.Code), TextField.Label, c.DefaultLanguage, label);
            return (AuditActions.QuestionAdded, "question", added.Code);
        }, cancellationToken);
        return added is not null && result is RedirectToPageResult
            ? RedirectToPage("Question", new { consultationId, code = added.Code })
            : result;
    }

    public Task<IActionResult> OnPostMoveSectionAsync([FromRoute] Guid consultationId, [FromForm] string code, [FromForm] int step, CancellationToken cancellationToken) =>
        ChangeAsync(consultationId, c =>
        {
            c.MoveSection(code, step);
            return (AuditActions.SectionMoved, "section", code);
        }, cancellationToken, anchor: $"section-{code}");

    public Task<IActionResult> OnPostMoveQuestionAsync([FromRoute] Guid consultationId, [FromForm] string code, [FromForm] int step, CancellationToken cancellationToken) =>
        ChangeAsync(consultationId, c =>
        {
            c.MoveQuestion(code, step);
            return (AuditActions.QuestionMoved, "question", code);
        }, cancellationToken, anchor: $"question-{code}");

    /// <summary>Where a dragged question was dropped: the section, and the question it now comes before (none: the end).</summary>
    public Task<IActionResult> OnPostPlaceQuestionAsync([FromRoute] Guid consultationId, [FromForm] string code, [FromForm] string section,
        [FromForm] string? before, CancellationToken cancellationToken) =>
        ChangeAsync(consultationId, c =>
        {
            c.PlaceQuestion(code, section, string.IsNullOrEmpty(before) ? null : before);
            return (AuditActions.QuestionMoved, "question", code);
        }, cancellationToken, anchor: $"question-{code}");

    public Task<IActionResult> OnPostRemoveSectionAsync([FromRoute] Guid consultationId, [FromForm] string code, CancellationToken cancellationToken) =>
        ChangeAsync(consultationId, c =>
        {
            c.RemoveSection(code);
            return (AuditActions.SectionRemoved, "section", code);
        }, cancellationToken);

    public Task<IActionResult> OnPostRemoveQuestionAsync([FromRoute] Guid consultationId, [FromForm] string code, CancellationToken cancellationToken) =>
        ChangeAsync(consultationId, c =>
        {
            c.RemoveQuestion(code);
            return (AuditActions.QuestionRemoved, "question", code);
        }, cancellationToken);

    /// <summary>
    /// Applies one change to the questionnaire. The change returns what to audit, or null when it
    /// refused the input (with errors in ModelState); a rule of the domain is shown in words.
    /// </summary>
    private async Task<IActionResult> ChangeAsync(Guid consultationId, Func<Consultation, (string Action, string Type, string Code)?> change,
        CancellationToken cancellationToken, string? anchor = null)
    {
        if (!await LoadAsync(consultationId, cancellationToken))
            return NotFound();
        ConfirmRemoval = null;
        if (!ModelState.IsValid)
            return Page();
        (string Action, string Type, string Code)? done;
        try
        {
            done = change(Consultation);
        }
        catch (DomainException e)
        {
            Problem = s.Explain(e);
            return Page();
        }
        if (done is not { } what)
            return Page();
        audit.Record(what.Action, what.Type, $"{consultationId}/{what.Code}");
        if (!await db.TrySaveAsync(cancellationToken))
        {
            await LoadAsync(consultationId, cancellationToken);
            Problem = s["Someone else changed this questionnaire at the same time. Check it below and try again."];
            return Page();
        }
        return RedirectToPage(null, null, new { consultationId }, anchor);
    }

    private async Task<bool> LoadAsync(Guid consultationId, CancellationToken cancellationToken)
    {
        var consultation = await QuestionnaireLoader.LoadAsync(db, consultationId, cancellationToken);
        if (consultation is null)
            return false;
        Consultation = consultation;
        Title = (await ConsultationTitles.InAsync(db, [consultation], CultureInfo.CurrentUICulture.Name, cancellationToken))[consultation.Id];
        Live = await LiveVersions.StateAsync(db, consultation, cancellationToken);
        return true;
    }
}
