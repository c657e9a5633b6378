using System.Globalization;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Email;
using Consultation.Web.Infrastructure;
using Consultation.Web.Localization;
using Consultation.Web.Pages.Shared;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;

namespace Consultation.Web.Pages.Respond;

/// <summary>
/// The questionnaire: shown, switched to another language without losing what was typed, checked
/// on the server, and submitted once.
/// </summary>
// Antiforgery is checked in the handler, after binding, so that an expired token re-shows the
// respondent's answers with a fresh token instead of a bare 400 that loses them.
[IgnoreAntiforgeryToken]
// The form's size limit is set where it is first read: see RespondentFormLimits.
public sealed class AnswerModel(ConsultationDbContext db, TimeProvider time, IAntiforgery antiforgery,
    IStringLocalizer<SharedResource> s, Outbox outbox) : PageModel
{
    public RespondentLink Link { get; private set; } = null!;
    public string Language { get; private set; } = "";
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);
    public string? FormProblem { get; private set; }

    [BindProperty]
    public Guid SubmissionKey { get; set; }

    /// <summary>The form field of the publication preference; its error is kept under this key too, which no question code can be (codes are lower case).</summary>
    public const string PublicationField = "Publication";

    /// <summary>The publication preference as posted (a <see cref="PublicationPreference"/> name), kept when the page is shown again.</summary>
    public string? Publication { get; private set; }

    private Func<string, IReadOnlyList<string>> _posted = _ => [];
    private readonly Dictionary<string, UploadOutcome> _uploads = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _errorKeys = new(StringComparer.Ordinal);

    /// <summary>Whether the form must be sent as multipart/form-data: only when a question asks for a file.</summary>
    public bool HasUploads => Link.Snapshot.Questions.Any(q => q.Type == QuestionType.FileUpload);

    public string DecimalSeparator => CultureInfo.CurrentCulture.NumberFormat.NumberDecimalSeparator;

    public async Task<IActionResult> OnGetAsync([FromRoute] string? slug, [FromRoute] string? token, CancellationToken cancellationToken)
    {
        // Blank page cache (docs/performance.md): a public link's consultation may be read up to a second ago, and a first
        // visit, showing nothing of anyone's, is served from memory with this request's token and key.
        if (await LoadAsync(slug, token, cancellationToken, recent: true) is { } stop)
            return stop;
        await Link.MarkOpenedAsync(db, time.GetUtcNow(), cancellationToken);
        SubmissionKey = Guid.NewGuid();
        return BlankPageCache.Page(this, blank: IsBlank, new BlankPageKey(Link.Version.Id, Language, Section: 1), SubmissionKey.ToString());
    }

    /// <summary>Whether the page shows nothing of this respondent's: no answers, errors or files (see BlankPageCache).</summary>
    private bool IsBlank => ModelState.IsValid && Errors.Count == 0 && FormProblem is null && _uploads.Count == 0 && Publication is null;

    public async Task<IActionResult> OnPostAsync([FromRoute] string? slug, [FromRoute] string? token, string? switchLanguage, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, token, cancellationToken) is { } stop)
            return stop;
        _posted = name => Request.Form[name].Select(v => v ?? "").ToList();
        Publication = Request.Form[PublicationField].FirstOrDefault();
        if (SubmissionKey == Guid.Empty)
            SubmissionKey = Guid.NewGuid();

        // Files are stored as soon as they arrive (with a valid token), so that a page shown again keeps them.
        var tokenIsValid = await antiforgery.IsRequestValidAsync(HttpContext);
        if (tokenIsValid)
            await ReceiveUploadsAsync(cancellationToken);

        if (UiLanguages.Normalise(switchLanguage) is { } chosen && Link.Snapshot.Languages.Contains(chosen))
        {
            // The request already runs in the chosen language (see LanguageChoice): remember it and re-show the answers.
            LanguageChoice.Remember(HttpContext, chosen);
            ModelState.Clear();
            return Page();
        }

        if (!tokenIsValid)
        {
            FormProblem = s["Your session had expired. Check your answers and submit them again."];
            return Page();
        }

        var (answers, errors) = AnswerReader.Read(Link.Snapshot, _posted, CultureInfo.CurrentCulture,
            uploads: code => _uploads.GetValueOrDefault(code));
        foreach (var error in errors)
        {
            Errors[error.QuestionCode] = s[error.Message, error.Arguments];
            _errorKeys[error.QuestionCode] = error.Message;
        }
        var publication = ReadPublicationPreference();
        if (Errors.Count > 0)
            return Page();

        var now = time.GetUtcNow();
        var response = Domain.Response.Submit(Link.Consultation, Link.Version, Link.Invitation, Language, answers, SubmissionKey, now, Link.Token, publication);
        db.Responses.Add(response);
        var receipt = await ReceiptAsync(answers, now, cancellationToken);
        try
        {
            // The response, the completed invitation and the receipt are stored together or not at all.
            await db.SaveChangesAsync(cancellationToken);
            if (receipt)
                outbox.DeliverSoon();
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // The same form submitted twice, or a second tab of the same personal link: the first one counts.
        }
        return Redirect($"{Link.BasePath}/thank-you");
    }

    public QuestionnaireView Questionnaire =>
        QuestionnaireView.For(Link.Snapshot, Language, _posted, Errors, _errorKeys, code => _uploads.GetValueOrDefault(code)?.File) with
        {
            OtherErrors = Errors.TryGetValue(PublicationField, out var publication) ? [("publication-choice", publication)] : [],
        };

    public string Title => Link.Text(Language, ElementKey.Consultation, TextField.Title);

    /// <summary>The publication preference, when the consultation asks: one of the choices offered, or an error in words.</summary>
    private PublicationPreference? ReadPublicationPreference()
    {
        if (!Link.Snapshot.AsksPublicationPreference)
            return null;
        if (Enum.TryParse<PublicationPreference>(Publication, ignoreCase: false, out var chosen) && Enum.IsDefined(chosen)
            && Link.Snapshot.PublicationChoices.Contains(chosen))
            return chosen;
        Errors[PublicationField] = s["Choose how your response may be published"];
        return null;
    }

    /// <summary>
    /// For each upload question: the file kept from an earlier post (its id in a hidden field, honoured only when
    /// it belongs to this consultation and question), replaced by a newly chosen file once that passes its checks.
    /// </summary>
    private async Task ReceiveUploadsAsync(CancellationToken cancellationToken)
    {
        var form = Request.Form;
        foreach (var question in Link.Snapshot.Questions.Where(q => q.Type == QuestionType.FileUpload))
        {
            FileAnswer? kept = null;
            AnswerError? error = null;
            if (form[AnswerReader.Field(question.Code, "file")] is { Count: > 0 } ids)
            {
                if (ids.Count == 1 && Guid.TryParse(ids[0], out var id))
                    kept = await db.UploadedFiles.AsNoTracking()
                        .Where(f => f.Id == id && f.ConsultationId == Link.Consultation.Id && f.QuestionCode == question.Code)
                        .Select(f => new FileAnswer(f.Id, f.FileName, f.Size, f.ContentType))
                        .SingleOrDefaultAsync(cancellationToken);
                if (kept is null)
                    error = new AnswerError(question.Code, AnswerReader.Messages.FileGone);
            }
            var file = form.Files.GetFile(AnswerReader.Field(question.Code));
            if (file is not null && file.FileName.Length > 0)
            {
                var content = new byte[file.Length];
                await using (var stream = file.OpenReadStream())
                    await stream.ReadExactlyAsync(content, cancellationToken);
                error = UploadedFile.Check(question, file.FileName, content.LongLength, content.AsSpan(0, (int)Math.Min(content.Length, UploadedFile.HeadLength)));
                if (error is null)
                {
                    var stored = UploadedFile.Store(Link.Consultation.Id, question.Code, file.FileName, content, time.GetUtcNow());
                    db.UploadedFiles.Add(stored);
                    await db.SaveChangesAsync(cancellationToken);
                    kept = stored.ToAnswer();
                }
            }
            _uploads[question.Code] = new UploadOutcome(kept, error);
        }
    }

    /// <summary>Queues the receipt of a personal link's response, to the invited stakeholder.</summary>
    private async Task<bool> ReceiptAsync(AnswerSet answers, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (Link.Invitation is not { } invitation || await db.Stakeholders.FindAsync([invitation.StakeholderId], cancellationToken) is not { } stakeholder)
            return false;
        var personalLink = $"{Request.Scheme}://{Request.Host}{Link.BasePath}";
        await outbox.AddAsync(ReceiptEmail.Build(Link.Snapshot, invitation, stakeholder.Email, answers, Language, personalLink, s, now), cancellationToken);
        return true;
    }

    private async Task<IActionResult?> LoadAsync(string? slug, string? token, CancellationToken cancellationToken, bool recent = false)
    {
        var (link, problem) = await RespondentLink.LoadAsync(db, slug, token, cancellationToken,
            recent ? HttpContext.RequestServices.GetRequiredService<ConsultationStateCache>() : null);
        if (link is null)
            return this.Unavailable(problem!.Value);
        if (link.Invitation is { IsCompleted: true })
            return Redirect($"{link.BasePath}/thank-you");
        if (link.AnsweringProblem(time.GetUtcNow()) is { } answering)
            return this.Unavailable(answering, answering == StatusReason.ConsultationNotOpenYet ? link.Consultation.OpensAt : link.Consultation.ClosesAt);
        Link = link;
        Language = link.Language(HttpContext);
        return null;
    }
}
