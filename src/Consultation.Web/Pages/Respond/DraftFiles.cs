namespace Consultation.Web.Pages.Respond;

using Consultation.Web.Data;
using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// The files of one draft while the answer page saves it (one save per request), in the save's transaction: the uploads
/// received (checked, within the draft's quota, stored from the form's stream), then the files the saved draft no longer
/// names, deleted.
/// </summary>
public sealed class DraftFiles(ConsultationDbContext db, IConfiguration configuration)
{
    /// <summary>The setting for the total size of the files one draft may hold, in megabytes.</summary>
    public const string QuotaSetting = "Respondents:UploadQuotaMegabytes";

    /// <summary>Room for the largest file and a few small ones; an upload beyond it is refused next to its question.</summary>
    public const int DefaultQuotaMegabytes = 25;

    private readonly List<Guid> _stored = [];

    private int QuotaMegabytes => Math.Max(1, configuration.GetValue(QuotaSetting, DefaultQuotaMegabytes));

    /// <summary>For each upload question of the page: the file it now has, or why the one chosen was refused.</summary>
    public Dictionary<string, UploadOutcome> Outcomes { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether files are at stake in this save: the page asks for one, or the draft names one (which the save may drop).
    /// Only then does the save need a transaction; every other save stays one statement.
    /// </summary>
    public bool AtStake(RespondentLink link, IEnumerable<QuestionSnapshot> questions, IReadOnlyDictionary<string, string[]> saved) =>
        questions.Any(q => q.Type == QuestionType.FileUpload) || Named(link.Snapshot, saved).Any();

    /// <summary>The fields of the files received, in place of what the form said about them.</summary>
    public void WriteInto(Dictionary<string, string[]> fields)
    {
        foreach (var (code, outcome) in Outcomes)
        {
            fields.Remove(AnswerReader.Field(code, "file"));
            if (outcome.File is { } file)
                fields[AnswerReader.Field(code, "file")] = [file.Id.ToString()];
        }
    }

    /// <summary>The files a draft's fields name, by question.</summary>
    private static IEnumerable<(string Code, Guid Id)> Named(QuestionnaireSnapshot snapshot, IReadOnlyDictionary<string, string[]> fields) =>
        snapshot.Questions.Where(q => q.Type == QuestionType.FileUpload)
            .Select(q => (q.Code, Id: AnswerFields.FileId(fields, q.Code)))
            .Where(f => f.Id is not null)
            .Select(f => (f.Code, f.Id!.Value));

    /// <summary>
    /// For each upload question of the page: the file kept from before (its id in a hidden field, honoured only when it
    /// belongs to this consultation and question), replaced by a newly chosen file once that passes its checks and fits in
    /// the draft's quota. A new file is stored from the form's stream, never read whole into memory.
    /// </summary>
    public async Task ReceiveAsync(RespondentLink link, IEnumerable<QuestionSnapshot> questions, Dictionary<string, string[]> form,
        IFormFileCollection? files, IReadOnlyDictionary<string, string[]> saved, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var uploads = questions.Where(q => q.Type == QuestionType.FileUpload).ToList();
        if (uploads.Count == 0)
            return;
        var quotaMegabytes = QuotaMegabytes;
        var held = await HeldSizesAsync(link, saved, cancellationToken);
        foreach (var question in uploads)
        {
            FileAnswer? kept = null;
            AnswerError? error = null;
            if (form.TryGetValue(AnswerReader.Field(question.Code, "file"), out var ids) && ids.Length > 0)
            {
                if (ids.Length == 1 && Guid.TryParse(ids[0], out var id))
                    kept = await db.UploadedFiles.AsNoTracking()
                        .Where(f => f.Id == id && f.ConsultationId == link.Consultation.Id && f.QuestionCode == question.Code)
                        .Select(f => new FileAnswer(f.Id, f.FileName, f.Size, f.ContentType))
                        .SingleOrDefaultAsync(cancellationToken);
                if (kept is null)
                    error = new AnswerError(question.Code, AnswerReader.Messages.FileGone);
            }
            held.Remove(question.Code);
            if (kept is not null)
                held[question.Code] = kept.Size;
            var file = files?.GetFile(AnswerReader.Field(question.Code));
            if (file is not null && file.FileName.Length > 0)
            {
                var head = new byte[(int)Math.Min(file.Length, UploadedFile.HeadLength)];
                await using (var stream = file.OpenReadStream())
                    await stream.ReadExactlyAsync(head, cancellationToken);
                error = UploadedFile.Check(question, file.FileName, file.Length, head);
                // The quota counts what the draft would hold: the other questions' files and this one, not the one it replaces.
                if (error is null && held.Where(h => h.Key != question.Code).Sum(h => h.Value) + file.Length > quotaMegabytes * 1024L * 1024L)
                    error = new AnswerError(question.Code, AnswerReader.Messages.FileQuota, quotaMegabytes);
                if (error is null)
                {
                    var stored = UploadedFile.Store(link.Consultation.Id, question.Code, file.FileName, file.Length, now);
                    await using (var stream = file.OpenReadStream())
                        await UploadedFileContent.InsertAsync(db, stored, stream, cancellationToken);
                    _stored.Add(stored.Id);
                    kept = stored.ToAnswer();
                    held[question.Code] = file.Length;
                }
            }
            Outcomes[question.Code] = new UploadOutcome(kept, error);
        }
    }

    /// <summary>
    /// A file the draft named before this save, or one stored by it, that the saved draft does not name was replaced or
    /// removed (or its question is now hidden): deleted in the save's transaction, unless a submitted revision of this
    /// response names it, since the submitted answers still point at it.
    /// </summary>
    public async Task DeleteDroppedAsync(RespondentLink link, Response response, IReadOnlyDictionary<string, string[]> before,
        CancellationToken cancellationToken)
    {
        var dropped = Named(link.Snapshot, before).Select(f => f.Id).Concat(_stored)
            .Except(Named(link.Snapshot, response.Fields).Select(f => f.Id))
            .ToArray();
        if (dropped.Length == 0)
            return;
        await db.Database.ExecuteSqlAsync($"""
            DELETE FROM uploaded_files f
            WHERE f.id = ANY({dropped}) AND f.consultation_id = {response.ConsultationId}
              AND NOT EXISTS (SELECT 1 FROM response_revisions v
                              WHERE v.response_id = {response.Id} AND v.answers -> f.question_code ->> 'id' = f.id::text)
              AND NOT EXISTS (SELECT 1 FROM responses r
                              WHERE r.id = {response.Id} AND r.answers -> f.question_code ->> 'id' = f.id::text)
            """, cancellationToken);
    }

    /// <summary>The size of each file the draft holds, by question.</summary>
    private async Task<Dictionary<string, long>> HeldSizesAsync(RespondentLink link, IReadOnlyDictionary<string, string[]> fields,
        CancellationToken cancellationToken)
    {
        var named = Named(link.Snapshot, fields).ToList();
        var ids = named.Select(n => n.Id).ToList();
        var consultationId = link.Consultation.Id;
        var sizes = ids.Count == 0 ? [] : await db.UploadedFiles.Where(f => ids.Contains(f.Id) && f.ConsultationId == consultationId)
            .ToDictionaryAsync(f => f.Id, f => f.Size, cancellationToken);
        return named.Where(n => sizes.ContainsKey(n.Id)).ToDictionary(n => n.Code, n => sizes[n.Id], StringComparer.Ordinal);
    }
}
