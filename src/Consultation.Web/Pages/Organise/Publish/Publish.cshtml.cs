namespace Consultation.Web.Pages.Organise.Publish;

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

/// <summary>
/// The checks a consultation must pass, in words with a link to each problem, and the button that publishes it.
/// On a live consultation: what the structural changes waiting in the working copy are, what happens to the
/// responses already received, and a confirmation before they become a new version.
/// </summary>
public sealed class PublishModel(ConsultationDbContext db, StaffAudit audit, Outbox outbox, TimeProvider time, IStringLocalizer<SharedResource> s) : PageModel
{
    public Consultation Consultation { get; private set; } = null!;
    public string Title { get; private set; } = "";
    public IReadOnlyList<(string Text, string Link)> Problems { get; private set; } = [];
    public string? Refusal { get; private set; }

    /// <summary>The version stakeholders answer now; null before the first publication.</summary>
    public QuestionnaireVersion? Latest { get; private set; }

    public IReadOnlyList<string> Changes { get; private set; } = [];
    public int ResponsesSoFar { get; private set; }

    /// <summary>Respondents in the middle of answering: they finish on the version they started (ADR 0014).</summary>
    public int ResponsesInProgress { get; private set; }

    /// <summary>Publishing a live consultation again asks the organiser to confirm they read what happens to existing responses.</summary>
    [BindProperty]
    public bool Confirmed { get; set; }

    public bool IsLive => Latest is not null && Consultation.IsLive;

    /// <summary>Whether the button is offered: a draft that passes the checks, or a live consultation with structural changes that do.</summary>
    public bool CanPublish => Problems.Count == 0 && (!IsLive || Changes.Count > 0);

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid consultationId, CancellationToken cancellationToken) =>
        await LoadAsync(consultationId, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync([FromRoute] Guid consultationId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(consultationId, cancellationToken))
            return NotFound();
        if (!CanPublish)
            return Page();
        if (IsLive && !Confirmed)
        {
            ModelState.AddModelError(nameof(Confirmed), s["Confirm that you have read what happens to the responses already received."]);
            return Page();
        }
        var first = Latest is null;
        try
        {
            Consultation.Publish(time.GetUtcNow(), Latest);
        }
        catch (DomainException e)
        {
            Refusal = s.Explain(e);
            return Page();
        }
        audit.Record(first ? AuditActions.ConsultationPublished : AuditActions.VersionPublished, "consultation", consultationId.ToString());
        // Someone saved the consultation (its version moved), or published a version (its number is taken), at the same moment.
        if (!await db.TrySaveAsync<DbUpdateException>(cancellationToken))
        {
            await LoadAsync(consultationId, cancellationToken);
            Refusal = s["Someone else changed this consultation at the same time. Check it below and try again."];
            return Page();
        }
        // Invitations made before it opened go out now.
        if (first && Consultation.Status == ConsultationStatus.Open
            && await InvitationMailing.QueueWaitingAsync(db, consultationId, time.GetUtcNow(), cancellationToken) > 0)
            outbox.DeliverSoon();
        return Redirect($"/organise/{consultationId}");
    }

    private async Task<bool> LoadAsync(Guid consultationId, CancellationToken cancellationToken)
    {
        var consultation = await QuestionnaireLoader.LoadAsync(db, consultationId, cancellationToken);
        if (consultation is null)
            return false;
        Consultation = consultation;
        Latest = await db.QuestionnaireVersions.LatestAsync(consultationId, cancellationToken);
        Title = (await ConsultationTitles.InAsync(db, [consultation], CultureInfo.CurrentUICulture.Name, cancellationToken))[consultation.Id];
        Problems = [.. consultation.PublicationProblems(time.GetUtcNow()).Select(p => (Describe(p), LinkTo(consultationId, p.ElementKey)))];
        if (IsLive)
        {
            Changes = [.. consultation.StructuralChangesSince(Latest!).Select(Describe)];
            ResponsesSoFar = await db.Responses.CountAsync(r => r.ConsultationId == consultationId && r.Status == ResponseStatus.Submitted && !r.IsTest, cancellationToken);
            ResponsesInProgress = await db.Responses.CountAsync(r => r.ConsultationId == consultationId && r.Status == ResponseStatus.InProgress && !r.IsTest, cancellationToken);
        }
        return true;
    }

    private string Describe(StructuralChange change)
    {
        string Question(string code)
        {
            var label = Consultation.DefaultText(ElementKey.Question(code), TextField.Label)
                ?? Latest!.Snapshot.Text(Latest.Snapshot.DefaultLanguage, ElementKey.Question(code), TextField.Label);
            return s["“{0}” ({1})", label, code];
        }
        string Section(string code)
        {
            var title = Consultation.DefaultText(ElementKey.Section(code), TextField.Title)
                ?? Latest!.Snapshot.Text(Latest.Snapshot.DefaultLanguage, ElementKey.Section(code), TextField.Title);
            return s["“{0}” ({1})", title, code];
        }
        return change.Kind switch
        {
            StructuralChangeKind.SectionAdded => s["Section added: {0}", Section(change.Code)],
            StructuralChangeKind.SectionRemoved => s["Section removed: {0}", Section(change.Code)],
            StructuralChangeKind.QuestionAdded => s["Question added: {0}", Question(change.Code)],
            StructuralChangeKind.QuestionRemoved => s["Question removed: {0}", Question(change.Code)],
            StructuralChangeKind.QuestionChanged => s["Question changed (its rules, options or condition): {0}", Question(change.Code)],
            StructuralChangeKind.LanguageAdded => s["Language added: {0}", UiLanguages.NativeName(change.Code)],
            StructuralChangeKind.LanguageRemoved => s["Language removed: {0}", UiLanguages.NativeName(change.Code)],
            StructuralChangeKind.PublicationPreferenceAsked => s["Respondents will be asked how their response may be published."],
            StructuralChangeKind.PublicationPreferenceNoLongerAsked => s["Respondents will no longer be asked how their response may be published."],
            _ => s["The order of sections or questions changed."],
        };
    }

    private string Describe(PublicationProblem problem)
    {
        if (problem.Message != PublicationProblem.Messages.MissingText)
            return s[problem.Message, problem.Arguments];
        var elementKey = problem.ElementKey;
        var shown = Consultation.DefaultText(elementKey, TextField.Label) ?? Consultation.DefaultText(elementKey, TextField.Title) ?? elementKey;
        // The element is named by its text rather than its key, and the language by its own name.
        return s[PublicationProblem.Messages.MissingText, UiLanguages.NativeName((string)problem.Arguments[0]), shown];
    }

    /// <summary>The page where the element's problem is fixed.</summary>
    private static string LinkTo(Guid consultationId, string elementKey)
    {
        var parts = elementKey.Split(':');
        return parts[0] switch
        {
            "section" => $"/organise/{consultationId}/sections/{parts[1]}",
            "question" or "option" or "row" => $"/organise/{consultationId}/questions/{parts[1]}",
            _ => $"/organise/{consultationId}/settings",
        };
    }
}
