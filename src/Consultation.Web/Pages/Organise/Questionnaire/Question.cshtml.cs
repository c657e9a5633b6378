namespace Consultation.Web.Pages.Organise.Questionnaire;

using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Infrastructure;
using Consultation.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

/// <summary>
/// One question: its code, texts in the default language, rules, options or rows, and the condition
/// that shows it. Every button saves what was typed first, so reordering an option loses nothing.
/// </summary>
public sealed class QuestionModel(ConsultationDbContext db, StaffAudit audit, TimeProvider time, IStringLocalizer<SharedResource> s) : PageModel
{
    /// <summary>Empty lines offered for new options (and matrix rows): enough for a whole scale on a new question, a few more later.</summary>
    public static int BlankRowsFor(Question question) => question.Options.Count == 0 ? 7 : 3;

    public Consultation Consultation { get; private set; } = null!;
    public Question Question { get; private set; } = null!;
    public string? Problem { get; private set; }

    [BindProperty]
    public QuestionInput Input { get; set; } = new();

    /// <summary>The button pressed: "save", or an action on one option or row such as "option-up:agree".</summary>
    [BindProperty]
    public string? Command { get; set; }

    public bool ReadOnly => Consultation.IsArchived;
    public LiveState? Live { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid consultationId, [FromRoute] string code, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(consultationId, code, cancellationToken))
            return NotFound();
        Input = QuestionInput.From(Consultation, Question, CultureInfo.CurrentCulture);
        Input.AddBlankRows(BlankRowsFor(Question));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] Guid consultationId, [FromRoute] string code, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(consultationId, code, cancellationToken))
            return NotFound();
        if (ReadOnly)
        {
            Problem = s[Consultation.ArchivedIsReadOnly];
            return Page();
        }
        if (ModelState.IsValid)
            new QuestionEdit(Consultation, Question, Input, ModelState, s, CultureInfo.CurrentCulture).Apply(Command ?? "save");
        if (!ModelState.IsValid)
            return Page();
        // Saved even when nothing in its own row changed, so that the row version is checked and moves.
        Question.Touch(time.GetUtcNow());
        db.Entry(Question).Property(x => x.UpdatedAt).IsModified = true;
        db.Entry(Question).Property(x => x.Version).OriginalValue = Input.Version;
        audit.Record(AuditActions.QuestionChanged, "question", $"{consultationId}/{Question.Code}");
        var published = await LiveVersions.PublishTextChangesAsync(db, audit, Consultation, time.GetUtcNow(), cancellationToken);
        if (!await db.TrySaveAsync(cancellationToken))
        {
            Problem = s["Someone else saved this question while you were editing it. Your changes are below, not saved: compare them with the current version and save again."];
            if (!await LoadAsync(consultationId, code, cancellationToken))
                return NotFound();
            Input.Version = Question.Version;
            return Page();
        }
        var query = published is null ? "" : $"?published={published.Number}";
        return (Command ?? "save") == "save"
            ? Redirect($"/organise/{consultationId}/questionnaire{query}#question-{Question.Code}")
            : Redirect($"/organise/{consultationId}/questions/{Question.Code}{query}#options");
    }

    /// <summary>Earlier questions, which a condition may use.</summary>
    public IReadOnlyList<Question> EarlierQuestions => Consultation.QuestionsBefore(Question);

    public string Text(string elementKey) => Consultation.DefaultText(elementKey, TextField.Label) ?? "";

    private async Task<bool> LoadAsync(Guid consultationId, string code, CancellationToken cancellationToken)
    {
        var consultation = await QuestionnaireLoader.LoadAsync(db, consultationId, cancellationToken);
        var question = consultation?.Sections.SelectMany(x => x.Questions).FirstOrDefault(q => q.Code == code);
        if (consultation is null || question is null)
            return false;
        (Consultation, Question) = (consultation, question);
        Live = await LiveVersions.StateAsync(db, consultation, cancellationToken);
        return true;
    }
}
