using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Infrastructure;
using Consultation.Web.Localization;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Consultation.Web.Pages.Respond;

/// <summary>
/// What a respondent's link opens: a public link (<c>/c/{slug}</c>), a public link's resume link
/// (<c>/c/{slug}/resume/{resume}</c>) or a personal one (<c>/r/{token}</c>); the consultation behind it, the response
/// started through it, the version to answer (the response's, else the latest), and the language to show it in.
/// </summary>
public sealed class RespondentLink
{
    private RespondentLink(Domain.Consultation consultation, QuestionnaireVersion version, Invitation? invitation, string? token,
        string? resume, Response? response)
    {
        Consultation = consultation;
        Version = version;
        Invitation = invitation;
        Token = token;
        ResumeToken = resume;
        Response = response;
    }

    public Domain.Consultation Consultation { get; }
    public QuestionnaireVersion Version { get; private set; }
    public Invitation? Invitation { get; }
    public string? Token { get; }

    /// <summary>The secret of a public link's resume link, once the respondent's first answers are saved.</summary>
    public string? ResumeToken { get; private set; }

    /// <summary>The response (draft or submitted) started through this link, if any.</summary>
    public Response? Response { get; private set; }

    public QuestionnaireSnapshot Snapshot => Version.Snapshot;

    /// <summary>The link's own path, to which "/answer", "/review" and "/thank-you" are added.</summary>
    public string BasePath => Token is not null ? $"/r/{Token}"
        : ResumeToken is not null ? $"/c/{Consultation.Slug}/resume/{ResumeToken}"
        : $"/c/{Consultation.Slug}";

    /// <summary>
    /// Starts the response of this link: through a personal link, found again by its token; through a public link, by a
    /// new resume token, which from then on is part of every path (<see cref="BasePath"/>).
    /// </summary>
    public Response StartResponse(string language, DateTimeOffset now)
    {
        if (Response is not null)
            throw new InvalidOperationException("This link's response has already started.");
        var token = Token ?? (ResumeToken = InvitationToken.New());
        Response = Response.Start(Consultation, Version, Invitation, token, language, now);
        return Response;
    }

    /// <summary>Answers an earlier published version of the same consultation, when a page shown before a publication is posted.</summary>
    public void Answer(QuestionnaireVersion version)
    {
        if (Response is not null || version.ConsultationId != Consultation.Id || version.IsTest)
            throw new InvalidOperationException("Only a link without a response can switch to another version of its consultation.");
        Version = version;
    }

    /// <summary>
    /// Loads the link, or says why it cannot be answered. With <paramref name="recentReadings"/>, a public link may use a
    /// reading of its consultation up to a second old (see <see cref="ConsultationStateCache"/>): only for a GET showing no answers.
    /// </summary>
    public static async Task<(RespondentLink? Link, StatusReason? Problem)> LoadAsync(
        ConsultationDbContext db, string? slug, string? token, CancellationToken cancellationToken, string? resume = null,
        ConsultationStateCache? recentReadings = null)
    {
        Invitation? invitation = null;
        // Built only when read: the first use of a DbSet sets the context up, which a recent reading spares.
        Func<IQueryable<Domain.Consultation>> consultations;
        if (token is not null)
        {
            if (InvitationToken.Hash(token) is not { } hash)
                return (null, StatusReason.LinkNotFound);
            invitation = await db.Invitations.FirstOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
            if (invitation is null)
                return (null, StatusReason.LinkNotFound);
            if (!invitation.IsUsable)
                return (null, StatusReason.LinkRevoked);
            var consultationId = invitation.ConsultationId;
            consultations = () => db.Consultations.Where(c => c.Id == consultationId);
        }
        else if (slug is not null)
            consultations = () => db.Consultations.Where(c => c.Slug == slug);
        else
            return (null, StatusReason.LinkNotFound);

        var reading = token is null && resume is null && recentReadings is { Enabled: true }
            ? await recentReadings.GetAsync(slug!, () => ReadAsync(db, consultations, cancellationToken))
            : await ReadAsync(db, consultations, cancellationToken);
        var consultation = reading?.Consultation;
        if (consultation is { AllowsPublicLink: false } && token is null)
            return (null, StatusReason.LinkNotFound);
        if (consultation is null || consultation.Status is ConsultationStatus.Draft or ConsultationStatus.Archived)
            return (null, StatusReason.LinkNotFound);
        if (reading!.Version is not { } version)
            return (null, StatusReason.LinkNotFound);

        // A response is found only through the token that started it (see InvitationToken.ResponsePointer).
        Response? response = null;
        if ((token ?? resume) is { } secret)
        {
            if (InvitationToken.ResponsePointer(secret) is not { } pointer)
                return (null, StatusReason.LinkNotFound);
            response = await db.Responses.FirstOrDefaultAsync(r => r.ResponsePointer == pointer && r.ConsultationId == consultation.Id, cancellationToken);
            if (response is null && resume is not null)
                return (null, StatusReason.LinkNotFound);
            if (response is not null && response.QuestionnaireVersionId != version.Id)
                version = await VersionAsync(db, response.QuestionnaireVersionId, cancellationToken) ?? version;
        }
        return (new RespondentLink(consultation, version, invitation, token, resume, response), null);
    }

    /// <summary>A consultation as read, with its latest published version (null when it has none).</summary>
    private sealed record Reading(Domain.Consultation Consultation, QuestionnaireVersion? Version);

    private static async Task<Reading?> ReadAsync(ConsultationDbContext db, Func<IQueryable<Domain.Consultation>> consultations, CancellationToken cancellationToken)
    {
        // The consultation is read on every request (its status and deadline change), and with it, in the same
        // round trip, only the id of its latest version: the version itself comes from the cache. Not tracked: no page
        // changes it through the link, and a recent reading is shared by requests.
        var found = await consultations().AsNoTracking()
            .Select(c => new
            {
                Consultation = c,
                LatestVersionId = db.QuestionnaireVersions.Where(v => v.ConsultationId == c.Id && !v.IsTest)
                    .OrderByDescending(v => v.Number).Select(v => (Guid?)v.Id).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null)
            return null;
        QuestionnaireVersion? version;
        if (QuestionnaireCache.Of(db) is { Enabled: true } cache)
            version = found.LatestVersionId is { } latestId ? await cache.GetAsync(db, latestId, cancellationToken) : null;
        else
            version = await db.QuestionnaireVersions.LatestAsync(found.Consultation.Id, cancellationToken);
        return new Reading(found.Consultation, version);
    }

    /// <summary>A published version of any consultation by id, from the cache when it is on.</summary>
    public static async Task<QuestionnaireVersion?> VersionAsync(ConsultationDbContext db, Guid versionId, CancellationToken cancellationToken) =>
        QuestionnaireCache.Of(db) is { Enabled: true } cache
            ? await cache.GetAsync(db, versionId, cancellationToken)
            : await db.QuestionnaireVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == versionId, cancellationToken);

    /// <summary>
    /// Loads a link for a page that takes answers, or the page that says why it cannot: unknown or revoked, closed; before
    /// it opens, its landing page. A personal link completed before answers were kept as drafts has nothing to change, and goes to its thank-you page.
    /// </summary>
    public static async Task<(RespondentLink? Link, IActionResult? Stop)> OpenForAnsweringAsync(PageModel page, ConsultationDbContext db,
        DateTimeOffset now, string? slug, string? token, string? resume, CancellationToken cancellationToken,
        ConsultationStateCache? recentReadings = null)
    {
        var (link, problem) = await LoadAsync(db, slug, token, cancellationToken, resume, recentReadings);
        if (link is null)
            return (null, page.Unavailable(problem!.Value));
        if (link.Invitation is { IsCompleted: true } && link.Response is null)
            return (null, new RedirectResult($"{link.BasePath}/thank-you"));
        // Not open yet: the landing page says when it opens, in the consultation's time zone and the reader's.
        if (link.AnsweringProblem(now) == StatusReason.ConsultationNotOpenYet)
            return (null, new RedirectResult(link.BasePath));
        if (link.AnsweringProblem(now) is { } answering)
            return (null, page.Unavailable(answering, link.Consultation.ClosesAt));
        return (link, null);
    }

    /// <summary>
    /// The saved answers of the link's response, checked as a submit checks them (the files they name must still exist), with
    /// the files found.
    /// </summary>
    public async Task<(AnswerSet Answers, IReadOnlyList<AnswerError> Errors, IReadOnlyDictionary<Guid, FileAnswer> Files)> ReadSavedAsync(
        ConsultationDbContext db, CancellationToken cancellationToken)
    {
        var fields = Response?.Fields ?? new Dictionary<string, string[]>();
        var ids = Snapshot.Questions.Where(q => q.Type == QuestionType.FileUpload)
            .Select(q => AnswerFields.FileId(fields, q.Code)).OfType<Guid>().ToList();
        var consultationId = Consultation.Id;
        var files = ids.Count == 0 ? new Dictionary<Guid, FileAnswer>()
            : await db.UploadedFiles.Where(f => ids.Contains(f.Id) && f.ConsultationId == consultationId)
                .Select(f => new FileAnswer(f.Id, f.FileName, f.Size, f.ContentType))
                .ToDictionaryAsync(f => f.Id, cancellationToken);
        var (answers, errors) = AnswerReader.Read(Snapshot, AnswerFields.ForReader(fields), CultureInfo.InvariantCulture,
            uploads: code => AnswerFields.FileId(fields, code) is { } id
                ? new UploadOutcome(files.GetValueOrDefault(id), files.ContainsKey(id) ? null : new AnswerError(code, AnswerReader.Messages.FileGone))
                : null);
        return (answers, errors, files);
    }

    /// <summary>Why the link cannot take answers now, if it cannot.</summary>
    public StatusReason? AnsweringProblem(DateTimeOffset now) => Consultation.Status switch
    {
        ConsultationStatus.Scheduled => StatusReason.ConsultationNotOpenYet,
        _ when !Consultation.AcceptsResponses(now) => StatusReason.ConsultationClosed,
        _ => null,
    };

    /// <summary>
    /// The content language: the person's pick if offered, else the invitation's, else the first the
    /// browser asks for that is offered, else the consultation's default.
    /// </summary>
    public string Language(HttpContext context)
    {
        var offered = Snapshot.Languages;
        string? Offered(string? tag) => tag is null ? null
            : offered.FirstOrDefault(o => string.Equals(o, tag, StringComparison.OrdinalIgnoreCase))
              ?? offered.FirstOrDefault(o => UiLanguages.Matches(o, tag));

        var browser = context.Request.GetTypedHeaders().AcceptLanguage
            .OrderByDescending(l => l.Quality ?? 1).Select(l => Offered(l.Value.Value)).FirstOrDefault(l => l is not null);
        return Offered(LanguageChoice.Read(context)) ?? Offered(Invitation?.Language) ?? browser ?? Snapshot.DefaultLanguage;
    }

    public string Text(string language, string elementKey, TextField field) => Snapshot.Text(language, elementKey, field);

    /// <summary>
    /// Records that the personal link was opened, in one conditional update: a submit completing at the same
    /// moment is never overwritten by a page that loaded the invitation a little earlier.
    /// </summary>
    public async Task MarkOpenedAsync(ConsultationDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (Invitation is not { } invitation)
            return;
        var notYetOpened = Domain.Invitation.NotYetOpened.ToList();
        await db.Invitations.Where(i => i.Id == invitation.Id && notYetOpened.Contains(i.Status))
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.Status, InvitationStatus.Opened).SetProperty(i => i.OpenedAt, now), cancellationToken);
    }
}
