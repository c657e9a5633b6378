using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Consultation.Web.Data;

public static class QuestionnaireVersions
{
    /// <summary>The version stakeholders answer now: the consultation's highest-numbered published version.</summary>
    public static Task<QuestionnaireVersion?> LatestAsync(this DbSet<QuestionnaireVersion> versions, Guid consultationId, CancellationToken cancellationToken) =>
        versions.Where(v => v.ConsultationId == consultationId)
            .OrderByDescending(v => v.Number).FirstOrDefaultAsync(cancellationToken);
}
