using System.Globalization;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Infrastructure;
using Consultation.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Consultation.Web.Pages.Organise;

/// <summary>The checks a consultation must pass, in words with a link to each problem, and the button that publishes it.</summary>
public sealed class PublishModel(ConsultationDbContext db, StaffAudit audit, TimeProvider time, IStringLocalizer<SharedResource> s) : PageModel
{
    public Domain.Consultation Consultation { get; private set; } = null!;
    public string Title { get; private set; } = "";
    public IReadOnlyList<(string Text, string Link)> Problems { get; private set; } = [];
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid consultationId, CancellationToken cancellationToken) =>
        await LoadAsync(consultationId, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync([FromRoute] Guid consultationId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(consultationId, cancellationToken))
            return NotFound();
        if (Problems.Count > 0)
            return Page();
        try
        {
            Consultation.Publish(time.GetUtcNow());
        }
        catch (DomainException e)
        {
            Refusal = s.Explain(e);
            return Page();
        }
        audit.Record(AuditActions.ConsultationPublished, "consultation", consultationId.ToString());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            await LoadAsync(consultationId, cancellationToken);
            Refusal = s["Someone else changed this consultation at the same time. Check it below and try again."];
            return Page();
        }
        return Redirect($"/organise/{consultationId}");
    }

    private async Task<bool> LoadAsync(Guid consultationId, CancellationToken cancellationToken)
    {
        var consultation = await QuestionnaireLoader.LoadAsync(db, consultationId, cancellationToken);
        if (consultation is null)
            return false;
        await db.Entry(consultation).Collection(c => c.Versions).LoadAsync(cancellationToken);
        Consultation = consultation;
        Title = (await ConsultationTitles.InAsync(db, [consultation], CultureInfo.CurrentUICulture.Name, cancellationToken))[consultation.Id];
        Problems = [.. consultation.PublicationProblems(time.GetUtcNow()).Select(p => (Describe(p), LinkTo(consultationId, p.ElementKey)))];
        return true;
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
