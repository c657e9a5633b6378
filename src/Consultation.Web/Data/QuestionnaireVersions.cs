namespace Consultation.Web.Data;

using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;

public static class QuestionnaireVersions
{
    /// <summary>The name of the query filter that keeps test versions out of every query that does not ask for them.</summary>
    public const string PublishedOnly = nameof(PublishedOnly);

    /// <summary>The version stakeholders answer now: the consultation's highest-numbered published version.</summary>
    public static Task<QuestionnaireVersion?> LatestAsync(this DbSet<QuestionnaireVersion> versions, Guid consultationId, CancellationToken cancellationToken) =>
        versions.Where(v => v.ConsultationId == consultationId && !v.IsTest)
            .OrderByDescending(v => v.Number).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The consultation's test versions, newest first.</summary>
    public static IQueryable<QuestionnaireVersion> Tests(this DbSet<QuestionnaireVersion> versions, Guid consultationId) =>
        versions.IgnoreQueryFilters([PublishedOnly]).Where(v => v.ConsultationId == consultationId && v.IsTest)
            .OrderByDescending(v => v.PublishedAt);
}
