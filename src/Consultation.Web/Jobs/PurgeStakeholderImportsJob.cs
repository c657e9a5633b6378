namespace Consultation.Web.Jobs;

using Consultation.Web.Data;
using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// Deletes registry imports uploaded more than a day ago and never imported: the files of people someone uploaded and
/// walked away from. A finished import has let go of its file already and stays, with its counts, for the audit trail.
/// One statement; a second run finds nothing.
/// </summary>
public sealed class PurgeStakeholderImportsJob(ConsultationDbContext db, TimeProvider time)
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(1);

    public Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - KeptFor;
        return db.StakeholderImports.Where(i => i.Status == ImportStatus.Uploaded && i.UploadedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }
}
