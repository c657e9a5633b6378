namespace Consultation.Web.Pages.Analyse.Results;

using System.Globalization;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Exports;
using Consultation.Web.Jobs;
using Consultation.Web.Localization;
using Hangfire;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

/// <summary>One consultation's results: counts by language and sector, each closed question as a chart with its table, and Excel summaries.</summary>
public sealed class ConsultationResultsModel(ConsultationDbContext db, TimeProvider time, IBackgroundJobClient jobs,
    IStringLocalizer<SharedResource> s) : PageModel
{
    public SummaryData Summary { get; private set; } = null!;
    public IReadOnlyList<ExportRow> Exports { get; private set; } = [];

    public IReadOnlyList<FileRow> Files { get; private set; } = [];

    /// <summary>Test responses from the preview: mentioned, never counted.</summary>
    public int TestResponses { get; private set; }

    public sealed record FileRow(Guid Id, string QuestionCode, string FileName, long Size);

    public sealed record ExportRow(Guid Id, DateTimeOffset RequestedAt, string RequestedBy, ExportStatus Status, long Size);

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid consultationId, CancellationToken cancellationToken)
    {
        if (!await db.Consultations.AnyAsync(c => c.Id == consultationId, cancellationToken))
            return NotFound();
        Summary = await SummaryQuery.CountAsync(db, consultationId, CultureInfo.CurrentUICulture.Name, time.GetUtcNow(), cancellationToken, s);
        TestResponses = await db.Responses.CountAsync(r => r.ConsultationId == consultationId && r.IsTest, cancellationToken);
        Exports = await db.SummaryExports.Where(e => e.ConsultationId == consultationId)
            .OrderByDescending(e => e.RequestedAt).Take(20)
            .Select(e => new ExportRow(e.Id, e.RequestedAt, e.RequestedBy, e.Status, e.Size))
            .ToListAsync(cancellationToken);
        Files = await SubmittedFiles(consultationId).OrderBy(f => f.QuestionCode).ThenBy(f => f.FileName).Take(500)
            .Select(f => new FileRow(f.Id, f.QuestionCode, f.FileName, f.Size))
            .ToListAsync(cancellationToken);
        return Page();
    }

    /// <summary>
    /// A file a respondent uploaded, only through the consultation it belongs to, and only once a submitted
    /// response answers with it (a file left behind by an unfinished answer is nobody's position; a test response is nobody's either).
    /// </summary>
    public async Task<IActionResult> OnGetFileAsync([FromRoute] Guid consultationId, Guid fileId, CancellationToken cancellationToken)
    {
        var file = await SubmittedFiles(consultationId).Where(f => f.Id == fileId)
            .Select(f => new { f.Id, f.FileName, f.ContentType, f.Size })
            .SingleOrDefaultAsync(cancellationToken);
        if (file is null)
            return NotFound();
        return new UploadedFileResult(file.Id, file.FileName, file.ContentType, file.Size);
    }

    public static string FileUrl(Guid consultationId, Guid fileId) => $"/analyse/{consultationId}?handler=File&fileId={fileId}";

    private IQueryable<UploadedFile> SubmittedFiles(Guid consultationId) => db.UploadedFiles.FromSql($$"""
        SELECT f.* FROM uploaded_files f
        WHERE f.consultation_id = {{consultationId}}
          AND EXISTS (SELECT 1 FROM responses r
                      WHERE r.consultation_id = f.consultation_id AND r.status = 'Submitted' AND NOT r.is_test
                        AND r.answers -> f.question_code ->> 'id' = f.id::text)
        """);

    /// <summary>Asks for a new summary; the job compiles it, and the page follows its progress.</summary>
    public async Task<IActionResult> OnPostCompileAsync([FromRoute] Guid consultationId, CancellationToken cancellationToken)
    {
        if (!await db.Consultations.AnyAsync(c => c.Id == consultationId, cancellationToken))
            return NotFound();
        var export = SummaryExport.Request(consultationId,
            User.StaffUserId(),
            User.Identity?.Name ?? "", CultureInfo.CurrentUICulture.Name, time.GetUtcNow());
        db.SummaryExports.Add(export);
        await db.SaveChangesAsync(cancellationToken);
        jobs.Enqueue<CompileSummaryJob>(job => job.RunAsync(export.Id, CancellationToken.None));
        return RedirectToPage(new { consultationId });
    }

    public async Task<IActionResult> OnGetStatusAsync([FromRoute] Guid consultationId, Guid exportId, CancellationToken cancellationToken)
    {
        var export = await db.SummaryExports.Where(e => e.Id == exportId && e.ConsultationId == consultationId)
            .Select(e => new { e.Status }).SingleOrDefaultAsync(cancellationToken);
        if (export is null)
            return NotFound();
        return new JsonResult(new
        {
            status = export.Status.ToString(),
            label = Labels.Export(s, export.Status),
            download = export.Status == ExportStatus.Done ? DownloadUrl(consultationId, exportId) : null,
        });
    }

    /// <summary>The file, only through the consultation it belongs to: guessing another consultation's export id finds nothing.</summary>
    public async Task<IActionResult> OnGetDownloadAsync([FromRoute] Guid consultationId, Guid exportId, CancellationToken cancellationToken)
    {
        var export = await db.SummaryExports.AsNoTracking()
            .SingleOrDefaultAsync(e => e.Id == exportId && e.ConsultationId == consultationId && e.Status == ExportStatus.Done, cancellationToken);
        if (export?.Content is null)
            return NotFound();
        return File(export.Content, CompileSummaryJob.ContentType, export.FileName);
    }

    public static string DownloadUrl(Guid consultationId, Guid exportId) => $"/analyse/{consultationId}?handler=Download&exportId={exportId}";

    public static string StatusUrl(Guid consultationId, Guid exportId) => $"/analyse/{consultationId}?handler=Status&exportId={exportId}";

    public static int Percent(int count, int of) => of == 0 ? 0 : (int)Math.Round(100.0 * count / of);
}
