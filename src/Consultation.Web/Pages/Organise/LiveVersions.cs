namespace Consultation.Web.Pages.Organise;

using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Infrastructure;

/// <summary>Where a live consultation stands: the version stakeholders answer, and whether the working copy holds structural changes not yet published.</summary>
public sealed record LiveState(Guid ConsultationId, int VersionNumber, bool HasPendingStructure);

/// <summary>What every page that changes texts does before saving: on a live consultation, the fixes go out at once as a new version.</summary>
public static class LiveVersions
{
    /// <summary>Null for a draft or an archived consultation.</summary>
    public static async Task<LiveState?> StateAsync(ConsultationDbContext db, Consultation consultation, CancellationToken cancellationToken) =>
        consultation.IsLive && await db.QuestionnaireVersions.LatestAsync(consultation.Id, cancellationToken) is { } latest
            ? new LiveState(consultation.Id, latest.Number, consultation.HasUnpublishedStructure(latest))
            : null;

    /// <summary>Adds (unsaved) a version with the latest structure and the current texts when a live consultation's texts changed; audited.</summary>
    public static async Task<QuestionnaireVersion?> PublishTextChangesAsync(ConsultationDbContext db, StaffAudit audit,
        Consultation consultation, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!consultation.IsLive || await db.QuestionnaireVersions.LatestAsync(consultation.Id, cancellationToken) is not { } latest)
            return null;
        var version = consultation.PublishTextChanges(latest, now);
        if (version is not null)
            audit.Record(AuditActions.TextsPublished, "consultation", consultation.Id.ToString());
        return version;
    }
}
