namespace Consultation.Web.Jobs;

using Consultation.Web.Data;
using Consultation.Web.Exports;
using Consultation.Web.Localization;
using Microsoft.Extensions.Localization;

/// <summary>
/// Compiles one requested Excel summary. The file and the "done" state are saved in one update, so a job that
/// dies half-way leaves the summary running (Hangfire retries it) and never shows a half-written file as done.
/// A summary already done is left alone.
/// </summary>
public sealed class CompileSummaryJob(ConsultationDbContext db, TimeProvider time, IStringLocalizer<SharedResource> s)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public async Task RunAsync(Guid exportId, CancellationToken cancellationToken)
    {
        var export = await db.SummaryExports.FindAsync([exportId], cancellationToken);
        if (export is null || !export.Start(time.GetUtcNow()))
            return;
        await db.SaveChangesAsync(cancellationToken);

        try
        {
            var now = time.GetUtcNow();
            var data = await SummaryQuery.CountAsync(db, export.ConsultationId, export.Language, now, cancellationToken, s);
            // Headings and labels in one language: the analyst's when the consultation has it, else its default.
            var content = Build(data, data.LabelLanguage);
            export.Complete($"{data.Slug}-summary-{now.UtcDateTime:yyyyMMdd-HHmm}.xlsx", content, time.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException && export.Attempts >= MaxAttempts)
        {
            // After the last try the analyst sees "Failed" rather than a summary compiling forever.
            export.Fail(e.Message, time.GetUtcNow());
            await db.SaveChangesAsync(CancellationToken.None);
        }
    }

    public const int MaxAttempts = 3;

    private byte[] Build(SummaryData data, string language)
    {
        // The workbook speaks the analyst's language; synchronous, so the culture cannot leak to other work.
        using (CultureScope.WordsIn(language))
        {
            using var workbook = SummaryWorkbook.Build(data, Labels(), UiLanguages.IsRightToLeft(language));
            using var stream = new MemoryStream();
            workbook.SaveAs(stream);
            return stream.ToArray();
        }
    }

    private SummaryLabels Labels() => new(
        s["Consultation"], s["Public link"], s["Versions"], s["Languages"], s["Compiled at (UTC)"], s["Submitted responses"],
        s["Responses in progress"], s["By language"], s["By sector"], s["Language"], s["Sector"], s["Responses"],
        s["Question code"], s["Question"], s["Option code"], s["Option"], s["answered"], s["count"], s["share"], s["All respondents"],
        group => Labels(group), UiLanguages.NativeName,
        s["The Summary sheet has one row per option of every closed question. For all respondents and for each sector, it gives how many answered the question, how many chose the option, and their share (chosen ÷ answered). Codes stay the same across versions and languages, so summaries can be merged by code."]);

    private string Labels(SectorGroup group) => group == SectorGroup.NotStated
        ? s["Not stated"]
        : Localization.Labels.Sector(s, group.ToSector());
}
