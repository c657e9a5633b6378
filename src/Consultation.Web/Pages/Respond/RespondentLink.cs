using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Infrastructure;
using Consultation.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Consultation.Web.Pages.Respond;

/// <summary>
/// What a respondent's link opens: a public link (<c>/c/{slug}</c>) or a personal one (<c>/r/{token}</c>),
/// the consultation behind it, the version to answer, and the language to show it in.
/// </summary>
public sealed class RespondentLink
{
    private RespondentLink(Domain.Consultation consultation, QuestionnaireVersion version, Invitation? invitation, string? token)
    {
        Consultation = consultation;
        Version = version;
        Invitation = invitation;
        Token = token;
    }

    public Domain.Consultation Consultation { get; }
    public QuestionnaireVersion Version { get; }
    public Invitation? Invitation { get; }
    public string? Token { get; }
    public QuestionnaireSnapshot Snapshot => Version.Snapshot;

    /// <summary>The link's own path, to which "/answer" and "/thank-you" are added.</summary>
    public string BasePath => Token is null ? $"/c/{Consultation.Slug}" : $"/r/{Token}";

    /// <summary>
    /// Loads the link, or says why it cannot be answered. With <paramref name="recentReadings"/>, a public link may use a
    /// reading of its consultation up to a second old (see <see cref="ConsultationStateCache"/>): only for a GET showing no answers.
    /// </summary>
    public static async Task<(RespondentLink? Link, StatusReason? Problem)> LoadAsync(
        ConsultationDbContext db, string? slug, string? token, CancellationToken cancellationToken, ConsultationStateCache? recentReadings = null)
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

        var reading = token is null && recentReadings is { Enabled: true }
            ? await recentReadings.GetAsync(slug!, () => ReadAsync(db, consultations, cancellationToken))
            : await ReadAsync(db, consultations, cancellationToken);
        var consultation = reading?.Consultation;
        if (consultation is { AllowsPublicLink: false } && token is null)
            return (null, StatusReason.LinkNotFound);
        if (consultation is null || consultation.Status is ConsultationStatus.Draft or ConsultationStatus.Archived)
            return (null, StatusReason.LinkNotFound);
        if (reading!.Version is not { } version)
            return (null, StatusReason.LinkNotFound);
        return (new RespondentLink(consultation, version, invitation, token), null);
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
