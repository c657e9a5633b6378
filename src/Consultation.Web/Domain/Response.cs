namespace Consultation.Web.Domain;

/// <summary>One stakeholder's answers to one version of a consultation's questionnaire.</summary>
public sealed class Response
{
    private Response() { }

    public Guid Id { get; private set; }
    public Guid ConsultationId { get; private set; }
    public Guid QuestionnaireVersionId { get; private set; }
    public string Language { get; private set; } = "";
    public ResponseChannel Channel { get; private set; }
    public ResponseStatus Status { get; private set; }
    public AnswerSet Answers { get; private set; } = AnswerSet.Empty;
    public Sector? Sector { get; private set; }
    public string? Country { get; private set; }

    /// <summary>Null for public-link responses and, always, in anonymous consultations.</summary>
    public Guid? InvitationId { get; private set; }

    /// <summary>
    /// For a personal link, <see cref="InvitationToken.ResponsePointer"/> of its token: one response per link, found
    /// again only with the token, even in an anonymous consultation where nothing else joins the response to the invitation.
    /// </summary>
    public byte[]? ResponsePointer { get; private set; }

    /// <summary>Chosen when the form is shown, so a repeated submit of the same form never makes a second response.</summary>
    public Guid IdempotencyKey { get; private set; }

    public bool IsTest { get; private set; }

    /// <summary>How the respondent lets the organisers publish this response; null when the consultation does not ask.</summary>
    public PublicationPreference? PublicationPreference { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? SubmittedAt { get; private set; }

    public static Response Submit(Consultation consultation, QuestionnaireVersion version, Invitation? invitation,
        string language, AnswerSet answers, Guid idempotencyKey, DateTimeOffset now, string? token = null,
        PublicationPreference? publication = null)
    {
        if (publication is { } chosen && !version.Snapshot.PublicationChoices.Contains(chosen))
            throw new DomainException("This way of publishing the response is not offered.");
        if (!consultation.AcceptsResponses(now))
            throw new DomainException("This consultation does not accept answers now.");
        if (version.ConsultationId != consultation.Id)
            throw new DomainException("The questionnaire version belongs to another consultation.");
        if (invitation is null && !consultation.AllowsPublicLink)
            throw new DomainException("This consultation takes answers from invited stakeholders only.");
        if (!version.Snapshot.Languages.Contains(language))
            throw new DomainException("The language '{0}' is not offered by this consultation.", language);

        invitation?.Complete(now, anonymously: consultation.IsAnonymous);
        var (sector, country) = Profile(version.Snapshot, answers);
        var at = consultation.RespondentTime(now);
        return new Response
        {
            // Random (version 4) rather than time-ordered ids: an id must not reveal when someone answered.
            Id = Guid.NewGuid(),
            ConsultationId = consultation.Id,
            QuestionnaireVersionId = version.Id,
            Language = language,
            Channel = invitation is null ? ResponseChannel.PublicLink : ResponseChannel.Invitation,
            Status = ResponseStatus.Submitted,
            Answers = answers,
            Sector = sector,
            Country = country,
            InvitationId = consultation.IsAnonymous ? null : invitation?.Id,
            ResponsePointer = invitation is not null && token is not null ? InvitationToken.ResponsePointer(token) : null,
            IdempotencyKey = idempotencyKey,
            PublicationPreference = version.Snapshot.AsksPublicationPreference ? publication : null,
            CreatedAt = at,
            SubmittedAt = at,
        };
    }

    /// <summary>
    /// A test response, submitted by the consultation's team from the preview: it needs no open consultation and no
    /// invitation, is marked <see cref="IsTest"/>, and never counts. It may answer a test version.
    /// </summary>
    public static Response SubmitTest(Consultation consultation, QuestionnaireVersion version, string language, AnswerSet answers,
        Guid idempotencyKey, DateTimeOffset now)
    {
        if (version.ConsultationId != consultation.Id)
            throw new DomainException("The questionnaire version belongs to another consultation.");
        if (!version.Snapshot.Languages.Contains(language))
            throw new DomainException("The language '{0}' is not offered by this consultation.", language);
        var (sector, country) = Profile(version.Snapshot, answers);
        return new Response
        {
            Id = Guid.NewGuid(),
            ConsultationId = consultation.Id,
            QuestionnaireVersionId = version.Id,
            Language = language,
            Channel = ResponseChannel.Preview,
            Status = ResponseStatus.Submitted,
            Answers = answers,
            Sector = sector,
            Country = country,
            IdempotencyKey = idempotencyKey,
            IsTest = true,
            CreatedAt = now,
            SubmittedAt = now,
        };
    }

    private static (Sector?, string?) Profile(QuestionnaireSnapshot snapshot, AnswerSet answers)
    {
        Sector? sector = null;
        string? country = null;
        foreach (var question in snapshot.Questions)
        {
            var choice = answers.Text(question.Code);
            if (choice is null)
                continue;
            if (question.Profile == ProfileField.RespondentType)
                sector = question.FindOption(choice)?.Sector;
            else if (question.Profile == ProfileField.Country && choice.Length == 2)
                country = choice.ToUpperInvariant();
        }
        return (sector, country);
    }
}
