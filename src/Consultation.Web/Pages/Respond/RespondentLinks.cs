namespace Consultation.Web.Pages.Respond;

using System.Globalization;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// Reads respondent links and what hangs on them from the database: the consultation behind a link, the version to answer
/// (from the questionnaire cache when it is on), the response started through it, and its saved answers.
/// </summary>
public sealed class RespondentLinks(ConsultationDbContext db, QuestionnaireCache versions, ConsultationStateCache recentReadings,
    InvitationLinks invitationLinks)
{
    /// <summary>
    /// Loads the link, or says why it cannot be opened. With <paramref name="recentReadingWillDo"/>, a public link may use a
    /// reading of its consultation up to a second old (see <see cref="ConsultationStateCache"/>): only for a GET showing no answers.
    /// </summary>
    public async Task<(RespondentLink? Link, StatusReason? Problem)> LoadAsync(string? slug, string? token, string? resume,
        bool recentReadingWillDo, CancellationToken cancellationToken)
    {
        Invitation? invitation = null;
        // Built only when read: the first use of a DbSet sets the context up, which a recent reading spares.
        Func<IQueryable<Consultation>> consultations;
        if (token is not null)
        {
            if (InvitationToken.Hash(token) is not { } hash)
                return (null, StatusReason.LinkNotFound);
            invitation = await db.Invitations.FirstOrDefaultAsync(i => i.Links.Any(l => l.TokenHash == hash), cancellationToken);
            // A link derived with a key taken out of configuration is as unknown as one never issued (ADR 0018).
            if (invitation?.Link(hash) is not { } link || !invitationLinks.Opens(link))
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

        var reading = token is null && resume is null && recentReadingWillDo && recentReadings.Enabled
            ? await recentReadings.GetAsync(slug!, () => ReadAsync(consultations, cancellationToken))
            : await ReadAsync(consultations, cancellationToken);
        var consultation = reading?.Consultation;
        if (consultation is { AllowsPublicLink: false } && token is null)
            return (null, StatusReason.LinkNotFound);
        if (consultation is null || consultation.Status is ConsultationStatus.Draft or ConsultationStatus.Archived)
            return (null, StatusReason.LinkNotFound);
        if (reading!.Version is not { } version)
            return (null, StatusReason.LinkNotFound);

        // A response is found only through the token that started it (see InvitationToken.ResponsePointer); in a named
        // consultation, where the response names its invitation, through any of the invitation's links (ADR 0018).
        Response? response = null;
        if ((token ?? resume) is { } secret)
        {
            if (InvitationToken.ResponsePointer(secret) is not { } pointer)
                return (null, StatusReason.LinkNotFound);
            var named = invitation is not null && !consultation.IsAnonymous ? invitation.Id : (Guid?)null;
            response = await db.Responses.FirstOrDefaultAsync(r => r.ConsultationId == consultation.Id
                && (named == null ? r.ResponsePointer == pointer : r.InvitationId == named), cancellationToken);
            if (response is null && resume is not null)
                return (null, StatusReason.LinkNotFound);
            if (response is not null && response.QuestionnaireVersionId != version.Id)
                version = await VersionAsync(response.QuestionnaireVersionId, cancellationToken) ?? version;
        }
        return (new RespondentLink(consultation, version, invitation, token, resume, response), null);
    }

    /// <summary>A consultation as read, with its latest published version (null when it has none).</summary>
    private sealed record Reading(Consultation Consultation, QuestionnaireVersion? Version);

    private async Task<Reading?> ReadAsync(Func<IQueryable<Consultation>> consultations, CancellationToken cancellationToken)
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
        if (versions.Enabled)
            version = found.LatestVersionId is { } latestId ? await versions.GetAsync(db, latestId, cancellationToken) : null;
        else
            version = await db.QuestionnaireVersions.LatestAsync(found.Consultation.Id, cancellationToken);
        return new Reading(found.Consultation, version);
    }

    /// <summary>A published version of any consultation by id, from the cache when it is on.</summary>
    public async Task<QuestionnaireVersion?> VersionAsync(Guid versionId, CancellationToken cancellationToken) =>
        versions.Enabled
            ? await versions.GetAsync(db, versionId, cancellationToken)
            : await db.QuestionnaireVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == versionId, cancellationToken);

    /// <summary>
    /// The saved answers of the link's response, checked as a submit checks them (the files they name must still exist), with
    /// the files found.
    /// </summary>
    public async Task<(AnswerSet Answers, IReadOnlyList<AnswerError> Errors, IReadOnlyDictionary<Guid, FileAnswer> Files)> ReadSavedAsync(
        RespondentLink link, CancellationToken cancellationToken)
    {
        var fields = link.Response?.Fields ?? new Dictionary<string, string[]>();
        var ids = link.Snapshot.Questions.Where(q => q.Type == QuestionType.FileUpload)
            .Select(q => AnswerFields.FileId(fields, q.Code)).OfType<Guid>().ToList();
        var consultationId = link.Consultation.Id;
        var files = ids.Count == 0 ? new Dictionary<Guid, FileAnswer>()
            : await db.UploadedFiles.Where(f => ids.Contains(f.Id) && f.ConsultationId == consultationId)
                .Select(f => new FileAnswer(f.Id, f.FileName, f.Size, f.ContentType))
                .ToDictionaryAsync(f => f.Id, cancellationToken);
        var (answers, errors) = AnswerReader.Read(link.Snapshot, AnswerFields.ForReader(fields), CultureInfo.InvariantCulture,
            uploads: code => AnswerFields.FileId(fields, code) is { } id
                ? new UploadOutcome(files.GetValueOrDefault(id), files.ContainsKey(id) ? null : new AnswerError(code, AnswerReader.Messages.FileGone))
                : null);
        return (answers, errors, files);
    }

    /// <summary>
    /// Records that the personal link was opened, in one conditional update: a submit completing at the same
    /// moment is never overwritten by a page that loaded the invitation a little earlier. With its time in a named
    /// consultation only.
    /// </summary>
    public async Task MarkOpenedAsync(RespondentLink link, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (link.Invitation is not { } invitation)
            return;
        var notYetOpened = Invitation.NotYetOpened.ToList();
        // In an anonymous consultation only the fact: a time next to the person could be matched with the draft's (ADR 0014).
        DateTimeOffset? openedAt = link.Consultation.IsAnonymous ? null : now;
        await db.Invitations.Where(i => i.Id == invitation.Id && notYetOpened.Contains(i.Status))
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.Status, InvitationStatus.Opened).SetProperty(i => i.OpenedAt, openedAt), cancellationToken);
    }
}
