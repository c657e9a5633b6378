namespace Consultation.Web.Pages.Organise;

using Consultation.Web.Data;
using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;

/// <summary>A consultation with its whole questionnaire and every text, tracked, as the builder's pages change it.</summary>
public static class QuestionnaireLoader
{
    public static Task<Consultation?> LoadAsync(ConsultationDbContext db, Guid consultationId, CancellationToken cancellationToken) =>
        db.Consultations
            .Include(c => c.Sections).ThenInclude(s => s.Questions).ThenInclude(q => q.Options)
            .Include(c => c.Sections).ThenInclude(s => s.Questions).ThenInclude(q => q.Rows)
            .Include(c => c.Texts)
            .AsSplitQuery()
            .FirstOrDefaultAsync(c => c.Id == consultationId, cancellationToken);
}
