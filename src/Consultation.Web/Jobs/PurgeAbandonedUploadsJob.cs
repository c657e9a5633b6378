namespace Consultation.Web.Jobs;

using Consultation.Web.Data;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// Some days after a consultation closed (<see cref="KeepDraftsDaysSetting"/>, 30 by default), deletes its drafts never
/// submitted and every uploaded file that no submitted response or revision names: what an abandoned answer or a replaced
/// upload left behind. Never while a consultation is open or scheduled, since people are still answering: the condition is
/// checked again in each statement, so a consultation reopened meanwhile is left alone. Deletes in batches, each its own
/// statement and transaction; a second run finds nothing left.
/// </summary>
public sealed class PurgeAbandonedUploadsJob(ConsultationDbContext db, TimeProvider time, IConfiguration configuration)
{
    public const string KeepDraftsDaysSetting = "Respondents:KeepDraftsDays";
    public const int DefaultKeepDraftsDays = 30;

    /// <summary>Rows deleted per statement: a file may be 20 MB, so that one transaction never holds gigabytes.</summary>
    public int BatchSize { get; set; } = 50;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().AddDays(-Math.Max(1, configuration.GetValue(KeepDraftsDaysSetting, DefaultKeepDraftsDays)));
        var closed = await db.Consultations
            .Where(c => (c.Status == Domain.ConsultationStatus.Closed || c.Status == Domain.ConsultationStatus.Archived) && c.ClosesAt <= cutoff)
            .Select(c => c.Id)
            .ToListAsync(cancellationToken);
        foreach (var consultationId in closed)
        {
            while (await DeleteDraftsAsync(consultationId, cutoff, cancellationToken) == BatchSize)
            {
            }
            while (await DeleteUnsubmittedFilesAsync(consultationId, cutoff, cancellationToken) == BatchSize)
            {
            }
        }
    }

    private Task<int> DeleteDraftsAsync(Guid consultationId, DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"""
            DELETE FROM responses WHERE id IN (
                SELECT r.id FROM responses r
                WHERE r.consultation_id = {consultationId} AND r.status = 'InProgress'
                  AND EXISTS (SELECT 1 FROM consultations c
                              WHERE c.id = r.consultation_id AND c.status IN ('Closed', 'Archived') AND c.closes_at <= {cutoff})
                LIMIT {BatchSize})
            """, cancellationToken);

    // A submitted response names its current file in its answers; each revision names the file it was submitted with.
    private Task<int> DeleteUnsubmittedFilesAsync(Guid consultationId, DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"""
            DELETE FROM uploaded_files WHERE id IN (
                SELECT f.id FROM uploaded_files f
                WHERE f.consultation_id = {consultationId}
                  AND EXISTS (SELECT 1 FROM consultations c
                              WHERE c.id = f.consultation_id AND c.status IN ('Closed', 'Archived') AND c.closes_at <= {cutoff})
                  AND NOT EXISTS (SELECT 1 FROM responses r
                                  WHERE r.consultation_id = f.consultation_id AND r.status = 'Submitted'
                                    AND r.answers -> f.question_code ->> 'id' = f.id::text)
                  AND NOT EXISTS (SELECT 1 FROM response_revisions v JOIN responses r ON r.id = v.response_id
                                  WHERE r.consultation_id = f.consultation_id
                                    AND v.answers -> f.question_code ->> 'id' = f.id::text)
                LIMIT {BatchSize})
            """, cancellationToken);
}
