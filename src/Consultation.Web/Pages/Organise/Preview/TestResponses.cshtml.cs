namespace Consultation.Web.Pages.Organise.Preview;

using System.Globalization;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

/// <summary>Clearing a consultation's test responses, after a confirmation: organisers only.</summary>
public sealed class TestResponsesModel(ConsultationDbContext db, StaffAudit audit) : PageModel
{
    public Guid ConsultationId { get; private set; }
    public string Title { get; private set; } = "";
    public int Count { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid consultationId, CancellationToken cancellationToken) =>
        await LoadAsync(consultationId, cancellationToken) ? Page() : NotFound();

    /// <summary>Deletes the test responses, then the test versions no response answers any more.</summary>
    public async Task<IActionResult> OnPostAsync([FromRoute] Guid consultationId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(consultationId, cancellationToken))
            return NotFound();
        var tests = await db.Responses.Where(r => r.ConsultationId == consultationId && r.IsTest).ToListAsync(cancellationToken);
        db.Responses.RemoveRange(tests);
        var removed = tests.Select(r => r.Id).ToList();
        var unused = await db.QuestionnaireVersions.Tests(consultationId)
            .Where(v => !db.Responses.Any(r => r.QuestionnaireVersionId == v.Id && !removed.Contains(r.Id)))
            .ToListAsync(cancellationToken);
        db.QuestionnaireVersions.RemoveRange(unused);
        audit.Record(AuditActions.TestResponsesCleared, "consultation", consultationId.ToString());
        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"/organise/{consultationId}");
    }

    private async Task<bool> LoadAsync(Guid consultationId, CancellationToken cancellationToken)
    {
        var consultation = await db.Consultations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == consultationId, cancellationToken);
        if (consultation is null)
            return false;
        ConsultationId = consultationId;
        Title = (await ConsultationTitles.InAsync(db, [consultation], CultureInfo.CurrentUICulture.Name, cancellationToken))[consultation.Id];
        Count = await db.Responses.CountAsync(r => r.ConsultationId == consultationId && r.IsTest, cancellationToken);
        return true;
    }
}
