namespace Consultation.Web.Pages.Respond;

using Consultation.Web.Domain;
using Consultation.Web.Infrastructure;

/// <summary>
/// What a respondent's link opens: a public link (<c>/c/{slug}</c>), a public link's resume link
/// (<c>/c/{slug}/resume/{resume}</c>) or a personal one (<c>/r/{token}</c>); the consultation behind it, the response
/// started through it, and the version to answer (the response's, else the latest). <see cref="RespondentLinks"/> reads it;
/// <see cref="RespondentPageModel"/> loads it once for each respondent page.
/// </summary>
public sealed class RespondentLink
{
    internal RespondentLink(Consultation consultation, QuestionnaireVersion version, Invitation? invitation, string? token,
        string? resume, Response? response)
    {
        Consultation = consultation;
        Version = version;
        Invitation = invitation;
        Token = token;
        ResumeToken = resume;
        Response = response;
    }

    public Consultation Consultation { get; }
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

    /// <summary>Why the link cannot take answers now, if it cannot.</summary>
    public StatusReason? AnsweringProblem(DateTimeOffset now) => Consultation.Status switch
    {
        ConsultationStatus.Scheduled => StatusReason.ConsultationNotOpenYet,
        _ when !Consultation.AcceptsResponses(now) => StatusReason.ConsultationClosed,
        _ => null,
    };

    public string Text(string language, string elementKey, TextField field) => Snapshot.Text(language, elementKey, field);
}
