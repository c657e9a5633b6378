namespace Consultation.Web.Pages.Respond;

using System.Globalization;
using System.Text.Json;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Infrastructure;
using Consultation.Web.Localization;
using Consultation.Web.Pages.Shared;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

/// <summary>
/// One page of the questionnaire (one section): shown with the answers saved so far, saved when the respondent moves to
/// another page, switches language or pauses typing (autosave), checked on the server before moving on. The files of a
/// save are <see cref="DraftFiles"/>' business; the resume form's email, <see cref="ResumeLinkSender"/>'s.
/// </summary>
// Antiforgery is checked in the handler, after binding, so that an expired token re-shows the
// respondent's answers with a fresh token instead of a bare 400 that loses them.
[IgnoreAntiforgeryToken]
// The form's size limit is set where it is first read: see RespondentFormLimits.
// Requests carrying a file are limited per address (see RateLimits).
[EnableRateLimiting(RateLimits.Uploads)]
public sealed class AnswerModel(RespondentLinks links, TimeProvider time, ConsultationDbContext db, IAntiforgery antiforgery,
    IStringLocalizer<SharedResource> s, BlankPageCache blankPages) : RespondentPageModel(links, time)
{
    /// <summary>The pages of this response, worked out once per request from the answers saved (or, after a save, just saved).</summary>
    public QuestionnairePages Pages { get; private set; } = null!;

    /// <summary>The section shown (1-based, as numbered in the questionnaire).</summary>
    public int Number { get; private set; }

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);
    public string? FormProblem { get; private set; }

    /// <summary>The address a resume link was just sent to.</summary>
    public string? ResumeLinkSentTo { get; private set; }

    /// <summary>The version the page was shown with, posted back: a page shown before a publication keeps its questions.</summary>
    [BindProperty]
    public Guid VersionId { get; set; }

    /// <summary>The field that says where to go: "next", "previous" or "review".</summary>
    public const string MoveField = "move";

    private Func<string, IReadOnlyList<string>> _shown = _ => [];
    private IReadOnlyDictionary<string, UploadOutcome> _uploads = new Dictionary<string, UploadOutcome>();
    private readonly Dictionary<string, string> _errorKeys = new(StringComparer.Ordinal);

    protected override bool TakesAnswers => true;

    // A plain public link's consultation may be read up to a second ago for a GET, and only there: this page shows no
    // answers until a draft exists, and every POST reads it afresh (see BlankPageCache, docs/performance.md).
    protected override bool RecentReadingWillDo => HttpMethods.IsGet(Request.Method) || HttpMethods.IsHead(Request.Method);

    public bool HasUploads => Pages.Section(Number).Questions.Any(q => q.Type == QuestionType.FileUpload);

    public string DecimalSeparator => CultureInfo.CurrentCulture.NumberFormat.NumberDecimalSeparator;

    public string Action => $"{Link.BasePath}/answer/{Number}";

    /// <summary>A response already submitted is being changed: the page says that the change counts once submitted again.</summary>
    public bool IsChanging => Link.Response is { IsSubmitted: true };

    private IReadOnlyDictionary<string, string[]> Saved => Link.Response?.Fields ?? new Dictionary<string, string[]>();

    public async Task<IActionResult> OnGetAsync([FromRoute] int? section, bool check, CancellationToken cancellationToken)
    {
        Pages = Link.Response is null ? QuestionnairePages.Blank(Link.Snapshot) : new QuestionnairePages(Link.Snapshot, Link.Response.Fields);
        var number = section ?? Link.Response?.CurrentSection ?? Pages.Shown.FirstOrDefault(1);
        if (!Pages.Exists(number) || !Pages.Shown.Contains(number))
            return Redirect(Pages.Next(number - 1) is { } shown && Pages.Exists(number) ? $"{Link.BasePath}/answer/{shown}" : $"{Link.BasePath}/answer");
        Number = number;
        await Links.MarkOpenedAsync(Link, Now, cancellationToken);
        _shown = AnswerFields.ForPage(Link.Snapshot, Saved, CultureInfo.CurrentCulture);
        VersionId = Link.Version.Id;
        if (Link.Response is not null)
        {
            var problems = await SavedProblemsAsync(cancellationToken);
            // From the review page's list of problems: the page shows its own.
            if (check)
                ShowErrors(problems);
        }
        // A first visit shows nothing of anyone's: its HTML is rendered once per version, language, section and address.
        var blank = Link.Response is null && Errors.Count == 0 && FormProblem is null && ModelState.IsValid;
        return blankPages.Page(this, blank, new BlankPageKey(Link.Version.Id, Language, Number));
    }

    public Task<IActionResult> OnPostAsync([FromRoute] int? section, string? switchLanguage, [FromServices] DraftFiles files,
        CancellationToken cancellationToken) =>
        SaveAsync(section, switchLanguage, files, autosave: false, cancellationToken);

    /// <summary>The same form, sent by autosave.js a few seconds after typing stops: saved, and answered with 204 (no page).</summary>
    public Task<IActionResult> OnPostAutosaveAsync([FromRoute] int? section, [FromServices] DraftFiles files, CancellationToken cancellationToken) =>
        SaveAsync(section, switchLanguage: null, files, autosave: true, cancellationToken);

    private async Task<IActionResult> SaveAsync(int? section, string? switchLanguage, DraftFiles files, bool autosave,
        CancellationToken cancellationToken)
    {
        var form = Request.Form.ToDictionary(f => f.Key, f => f.Value.Select(v => v ?? "").ToArray(), StringComparer.Ordinal);
        var saved = Saved;
        var exists = section is { } posted && posted >= 1 && posted <= Link.Snapshot.Sections.Count;
        Number = exists ? section!.Value : Link.Response?.CurrentSection ?? 1;
        _shown = name => form.TryGetValue(name, out var values) ? values : [];

        if (!exists)
            return Problem(s["This page of the questionnaire does not exist. Your saved answers are below."], autosave);
        if (VersionId != Link.Version.Id && !await AnswerEarlierVersionAsync(cancellationToken))
        {
            // What was typed stays on the page, shown with the questions of the version this response answers.
            return Problem(s["This page did not match the questionnaire. Check your answers on it and continue."], autosave);
        }
        VersionId = Link.Version.Id;

        var chosen = UiLanguages.Normalise(switchLanguage) is { } tag && Link.Snapshot.Languages.Contains(tag) ? tag : null;
        if (!await antiforgery.IsRequestValidAsync(HttpContext))
        {
            if (chosen is not null)
                LanguageChoice.Remember(HttpContext, chosen);
            return Problem(s["Your session had expired. Check your answers and submit them again."], autosave);
        }

        var questions = Link.Snapshot.Sections[Number - 1].Questions;
        // One transaction: the files received, the draft saved and the files it no longer names deleted, or none of it.
        await using var transaction = files.AtStake(Link, questions, saved) ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var now = Now;
        await files.ReceiveAsync(Link, questions, form, Request.HasFormContentType ? Request.Form.Files : null, saved, now, cancellationToken);
        _uploads = files.Outcomes;
        var fields = AnswerFields.FromForm(questions, form, PageCulture(form));
        files.WriteInto(fields);

        var move = Request.Form[MoveField].FirstOrDefault();
        var response = Link.Response;
        if (response is null)
        {
            response = Link.StartResponse(chosen ?? Language, now);
            db.Responses.Add(response);
        }
        response.SaveSection(Link.Consultation, Link.Snapshot, questions.Select(q => q.Code), fields, chosen ?? Language, now);
        Pages = new QuestionnairePages(Link.Snapshot, response.Fields);

        var errors = (await SavedProblemsAsync(cancellationToken))
            .Where(e => !_uploads.ContainsKey(e.QuestionCode))
            .Concat(_uploads.Values.Select(u => u.Error).OfType<AnswerError>())
            .ToList();
        var target = chosen is not null || autosave ? Number
            : move == "previous" ? Pages.Previous(Number) ?? Number
            : errors.Count > 0 ? Number
            : move == "review" ? (int?)null
            : Pages.Next(Number);
        response.StopAt(target ?? Number);

        if (!await SaveResponseAsync(cancellationToken))
            return autosave ? StatusCode(StatusCodes.Status409Conflict) : Redirect($"{Link.BasePath}/answer/{Number}");
        if (transaction is not null)
        {
            await files.DeleteDroppedAsync(Link, response, saved, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        if (autosave)
        {
            // A public link's first save creates its resume link: the page's script moves the form and the address bar to it.
            Response.Headers["X-Resume-Path"] = $"{Link.BasePath}/answer/{Number}";
            return new NoContentResult();
        }
        if (chosen is not null)
        {
            LanguageChoice.Remember(HttpContext, chosen);
            return Redirect($"{Link.BasePath}/answer/{Number}");
        }
        if (move != "previous" && errors.Count > 0)
        {
            _shown = AnswerFields.ForPage(Link.Snapshot, response.Fields, CultureInfo.CurrentCulture);
            ShowErrors(errors);
            return Page();
        }
        return Redirect(target is { } page ? $"{Link.BasePath}/answer/{page}" : $"{Link.BasePath}/review");
    }

    /// <summary>A public-link respondent asks for their resume link by email (the form under the answers).</summary>
    public async Task<IActionResult> OnPostResumeLinkAsync([FromRoute] int? section, string? resumeEmail, [FromServices] ResumeLinkSender sender,
        CancellationToken cancellationToken)
    {
        if (Link.ResumeToken is null || Link.Response is null)
            return Redirect($"{Link.BasePath}/answer");
        Pages = new QuestionnairePages(Link.Snapshot, Link.Response.Fields);
        Number = section is { } n && Pages.Exists(n) ? n : Link.Response.CurrentSection;
        _shown = AnswerFields.ForPage(Link.Snapshot, Link.Response.Fields, CultureInfo.CurrentCulture);
        VersionId = Link.Version.Id;
        var address = resumeEmail?.Trim() ?? "";
        if (!await antiforgery.IsRequestValidAsync(HttpContext))
            return Problem(s["Your session had expired. Check your answers and submit them again."], autosave: false);
        if (await sender.SendAsync(HttpContext, Link, Language, address, Now, cancellationToken) is { } refused)
            Errors[ResumeEmailField] = refused;
        else
            ResumeLinkSentTo = address;
        return Page();
    }

    /// <summary>The resume form's email field; its error is kept under this key, which no question code can be.</summary>
    public const string ResumeEmailField = "ResumeEmail";

    public QuestionnaireView Questionnaire
    {
        get
        {
            var page = QuestionnaireView.For(Link.Snapshot, Language, _shown, Errors, _errorKeys, code => _uploads.GetValueOrDefault(code)?.File ?? KeptFile(code))
                .Page(Number, Pages.Position(Number), Pages.Count, Pages.Omitted(Number));
            // A condition that looks at this page is applied as the respondent answers with scripts, and on the next page
            // without: the question then says when it applies.
            var here = Pages.Section(Number).Questions.Select(q => q.Code).ToHashSet(StringComparer.Ordinal);
            var describe = ConditionWords.For(Link.Snapshot, Language, s);
            var section = page.Sections[0] with
            {
                Questions = page.Sections[0].Questions.Select(q => q.Question.ShowIf is { } showIf && QuestionnairePages.References(showIf).Overlaps(here)
                    ? q with { ConditionHint = describe(showIf) } : q).ToList(),
            };
            return page with
            {
                Sections = [section],
                OtherErrors = Errors.TryGetValue(ResumeEmailField, out var email) ? [("resume-email", email)] : [],
            };
        }
    }

    /// <summary>The answers given on other pages, for show-if.js to evaluate this page's conditions that look at them.</summary>
    public string EarlierAnswers
    {
        get
        {
            var here = Pages.Section(Number).Questions.Select(q => q.Code).ToHashSet(StringComparer.Ordinal);
            return JsonSerializer.Serialize(Pages.Answers.Values.Where(v => !here.Contains(v.Key.Split('.')[0])).ToDictionary(v => v.Key, v => v.Value));
        }
    }

    public string Title => Link.Text(Language, ElementKey.Consultation, TextField.Title);

    public string SectionTitle => Link.Text(Language, ElementKey.Section(Pages.Section(Number).Code), TextField.Title);

    /// <summary>
    /// The culture the page was shown in, which its numbers were typed in: a language switch runs the request in the new
    /// language, but "12,5" typed on a French page is still twelve and a half.
    /// </summary>
    private static CultureInfo PageCulture(Dictionary<string, string[]> form)
    {
        if (form.TryGetValue("PageCulture", out var names) && names.Length == 1 && names[0].Length is > 0 and <= 35)
        {
            try
            {
                return CultureInfo.GetCultureInfo(names[0], predefinedOnly: true);
            }
            catch (CultureNotFoundException)
            {
            }
        }
        return CultureInfo.CurrentCulture;
    }

    private void ShowErrors(IEnumerable<AnswerError> errors)
    {
        var here = Pages.Section(Number).Questions.Select(q => q.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var error in errors.Where(e => here.Contains(e.QuestionCode)))
        {
            Errors[error.QuestionCode] = s[error.Message, error.Arguments];
            _errorKeys[error.QuestionCode] = error.Message;
        }
    }

    private IActionResult Problem(string message, bool autosave)
    {
        if (autosave)
            return BadRequest();
        // Shown with the answers saved before this request, whatever was posted.
        Pages ??= new QuestionnairePages(Link.Snapshot, Saved);
        FormProblem = message;
        VersionId = Link.Version.Id;
        return Page();
    }

    /// <summary>The form was shown before a publication: when it names an earlier published version of this consultation, and nothing was saved yet, it is answered.</summary>
    private async Task<bool> AnswerEarlierVersionAsync(CancellationToken cancellationToken)
    {
        if (Link.Response is not null || VersionId == Guid.Empty)
            return false;
        var version = await Links.VersionAsync(VersionId, cancellationToken);
        if (version is null || version.ConsultationId != Link.Consultation.Id || version.IsTest)
            return false;
        Link.Answer(version);
        return true;
    }

    /// <summary>Saves the response; false when another tab or device changed it at the same moment (its save counts).</summary>
    private async Task<bool> SaveResponseAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            return false;
        }
    }

    private IReadOnlyDictionary<Guid, FileAnswer> _keptFiles = new Dictionary<Guid, FileAnswer>();

    private FileAnswer? KeptFile(string code) =>
        Link.Response is { } response && AnswerFields.FileId(response.Fields, code) is { } id ? _keptFiles.GetValueOrDefault(id) : null;

    /// <summary>The saved answers' problems on this page, remembering the files they name for the page to show.</summary>
    private async Task<IEnumerable<AnswerError>> SavedProblemsAsync(CancellationToken cancellationToken)
    {
        var (_, errors, files) = await Links.ReadSavedAsync(Link, cancellationToken);
        _keptFiles = files;
        var here = Pages.Section(Number).Questions.Select(q => q.Code).ToHashSet(StringComparer.Ordinal);
        return errors.Where(e => here.Contains(e.QuestionCode));
    }
}
