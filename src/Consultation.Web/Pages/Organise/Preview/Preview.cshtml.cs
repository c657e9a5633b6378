namespace Consultation.Web.Pages.Organise.Preview;

using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Infrastructure;
using Consultation.Web.Localization;
using Consultation.Web.Pages.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;

/// <summary>
/// The working copy exactly as respondents would see it, in any offered language, with its conditions live. Posted
/// answers are checked by the respondents' own rules and forgotten, unless the team asks for a test response, which is
/// stored marked as a test and never counted.
/// </summary>
public sealed class PreviewModel(ConsultationDbContext db, StaffAudit audit, TimeProvider time, IAuthorizationService authorization,
    IStringLocalizer<SharedResource> s) : PageModel
{
    public Consultation Consultation { get; private set; } = null!;
    public QuestionnaireSnapshot Snapshot { get; private set; } = null!;
    public string Language { get; private set; } = "";

    /// <summary>The language asked for when the consultation does not offer it (the default language is shown instead).</summary>
    public string? NotOffered { get; private set; }

    /// <summary>What became of posted answers: valid and forgotten, or stored as a test response.</summary>
    public string? Outcome { get; private set; }

    public int TestResponses { get; private set; }
    public bool MayClearTestResponses { get; private set; }

    [BindProperty]
    public Guid SubmissionKey { get; set; }

    private Func<string, IReadOnlyList<string>> _posted = _ => [];
    private readonly Dictionary<string, string> _errors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _errorKeys = new(StringComparer.Ordinal);

    public QuestionnaireView Questionnaire => QuestionnaireView.For(Snapshot, Language, _posted, _errors, _errorKeys, _ => null);

    public bool HasUploads => Snapshot.Questions.Any(q => q.Type == QuestionType.FileUpload);

    public string Text(TextField field) => Snapshot.Text(Language, ElementKey.Consultation, field);

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid consultationId, string? language, bool stored, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(consultationId, language, cancellationToken))
            return NotFound();
        SubmissionKey = Guid.NewGuid();
        if (stored)
            Outcome = s["Your test response was stored. It is marked as a test and left out of every count and summary."];
        return Page();
    }

    /// <summary>Checks the answers as the answer page would; with <paramref name="asTest"/>, valid answers are stored as a test response.</summary>
    public async Task<IActionResult> OnPostAsync([FromRoute] Guid consultationId, string? language, bool asTest, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(consultationId, language, cancellationToken))
            return NotFound();
        _posted = name => Request.Form[name].Select(v => v ?? "").ToList();
        if (SubmissionKey == Guid.Empty)
            SubmissionKey = Guid.NewGuid();

        var uploads = await CheckUploadsAsync(cancellationToken);
        var (answers, errors) = AnswerReader.Read(Snapshot, _posted, CultureScope.OfRespondent(Language), uploads: uploads.GetValueOrDefault);
        using (CultureScope.ForRespondent(Language))
        {
            foreach (var error in errors)
            {
                _errors[error.QuestionCode] = s[error.Message, error.Arguments];
                _errorKeys[error.QuestionCode] = error.Message;
            }
        }
        if (_errors.Count > 0)
            return Page();
        if (!asTest)
        {
            Outcome = s["These answers are valid: a respondent could submit them. Nothing was stored."];
            return Page();
        }

        if (!await db.Responses.AnyAsync(r => r.IdempotencyKey == SubmissionKey, cancellationToken))
        {
            var now = time.GetUtcNow();
            var response = Domain.Response.SubmitTest(Consultation, await TestVersionAsync(now, cancellationToken), Language, answers, SubmissionKey, now);
            db.Responses.Add(response);
            audit.Record(AuditActions.TestResponseSubmitted, "response", response.Id.ToString());
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // The same form sent twice at once: the first one was stored.
            }
        }
        return Redirect($"/organise/{consultationId}/preview?language={Uri.EscapeDataString(Language)}&stored=true");
    }

    /// <summary>
    /// The version a test response answers: the latest published one when it shows exactly the working copy, else a
    /// test version frozen from the working copy, reused while the working copy stays the same.
    /// </summary>
    private async Task<QuestionnaireVersion> TestVersionAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await db.QuestionnaireVersions.LatestAsync(Consultation.Id, cancellationToken) is { } published && published.Shows(Snapshot))
            return published;
        if (await db.QuestionnaireVersions.Tests(Consultation.Id).FirstOrDefaultAsync(cancellationToken) is { } test && test.Shows(Snapshot))
            return test;
        var frozen = QuestionnaireVersion.FreezeTest(Consultation, now);
        db.QuestionnaireVersions.Add(frozen);
        return frozen;
    }

    /// <summary>Each chosen file, checked as the answer page checks it and then forgotten: a preview stores no file.</summary>
    private async Task<Dictionary<string, UploadOutcome>> CheckUploadsAsync(CancellationToken cancellationToken)
    {
        var outcomes = new Dictionary<string, UploadOutcome>(StringComparer.Ordinal);
        if (!Request.HasFormContentType)
            return outcomes;
        foreach (var question in Snapshot.Questions.Where(q => q.Type == QuestionType.FileUpload))
        {
            if (Request.Form.Files.GetFile(AnswerReader.Field(question.Code)) is not { FileName.Length: > 0 } file)
                continue;
            var head = new byte[Math.Min(file.Length, UploadedFile.HeadLength)];
            await using (var stream = file.OpenReadStream())
                await stream.ReadExactlyAsync(head, cancellationToken);
            var error = UploadedFile.Check(question, file.FileName, file.Length, head);
            // The answer names the file but points at nothing stored.
            var answer = error is null ? new FileAnswer(Guid.Empty, UploadedFile.CleanName(file.FileName), file.Length, file.ContentType) : null;
            outcomes[question.Code] = new UploadOutcome(answer, error);
        }
        return outcomes;
    }

    private async Task<bool> LoadAsync(Guid consultationId, string? language, CancellationToken cancellationToken)
    {
        var consultation = await QuestionnaireLoader.LoadAsync(db, consultationId, cancellationToken);
        if (consultation is null)
            return false;
        Consultation = consultation;
        Snapshot = QuestionnaireSnapshot.Of(consultation);
        Language = Snapshot.Languages.FirstOrDefault(l => string.Equals(l, language, StringComparison.OrdinalIgnoreCase)) ?? Snapshot.DefaultLanguage;
        if (!string.IsNullOrEmpty(language) && !string.Equals(language, Language, StringComparison.OrdinalIgnoreCase))
            NotOffered = language;
        TestResponses = await db.Responses.CountAsync(r => r.ConsultationId == consultationId && r.IsTest, cancellationToken);
        MayClearTestResponses = (await authorization.AuthorizeAsync(User, HttpContext, Policies.ConsultationOrganiser)).Succeeded;
        return true;
    }
}
