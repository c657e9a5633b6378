namespace Consultation.Web.Domain;

/// <summary>
/// One stakeholder's answers to one version of a consultation's questionnaire: a draft while they answer page by
/// page (<see cref="ResponseStatus.InProgress"/>, its <see cref="Fields"/> saved as typed), then submitted, and
/// changed until the deadline, each submit kept as a <see cref="ResponseRevision"/>.
/// </summary>
public sealed class Response
{
    private Response() { }

    public Guid Id { get; private set; }
    public Guid ConsultationId { get; private set; }

    /// <summary>The version being answered: fixed when the draft starts, so later publications never change the questions under someone.</summary>
    public Guid QuestionnaireVersionId { get; private set; }
    public string Language { get; private set; } = "";
    public ResponseChannel Channel { get; private set; }
    public ResponseStatus Status { get; private set; }

    /// <summary>The answers as last submitted; empty while the response is a draft.</summary>
    public AnswerSet Answers { get; private set; } = AnswerSet.Empty;

    /// <summary>
    /// The working copy, as the form fields hold it (<see cref="AnswerFields"/>): what the respondent typed, numbers in invariant
    /// form, so a draft never loses an answer the checks would refuse and never depends on the language it was typed in.
    /// </summary>
    public IReadOnlyDictionary<string, string[]> Fields { get; private set; } = new Dictionary<string, string[]>();

    /// <summary>The section (1-based) the respondent was on last: where a resumed link opens.</summary>
    public int CurrentSection { get; private set; } = 1;

    /// <summary>How many times the response was submitted; a form carries the number it was shown with, so a replay is recognised.</summary>
    public int Revision { get; private set; }

    public Sector? Sector { get; private set; }
    public string? Country { get; private set; }

    /// <summary>Null for public-link responses and, always, in anonymous consultations.</summary>
    public Guid? InvitationId { get; private set; }

    /// <summary>
    /// <see cref="InvitationToken.ResponsePointer"/> of the personal link's token or of the public link's resume token: the
    /// response is found again only with the token, even in an anonymous consultation where nothing else joins it to a person.
    /// </summary>
    public byte[]? ResponsePointer { get; private set; }

    public Guid IdempotencyKey { get; private set; }

    public bool IsTest { get; private set; }

    /// <summary>How the respondent lets the organisers publish this response; null when the consultation does not ask.</summary>
    public PublicationPreference? PublicationPreference { get; private set; }

    /// <summary>Respondent times are days in anonymous consultations (<see cref="Consultation.RespondentTime"/>).</summary>
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? SubmittedAt { get; private set; }

    /// <summary>When the submitted answers were last changed.</summary>
    public DateTimeOffset? ChangedAt { get; private set; }

    public bool IsSubmitted => Status == ResponseStatus.Submitted;

    /// <summary>A draft for a personal link (<paramref name="invitation"/>) or for a public link's resume token, found again by <paramref name="token"/>.</summary>
    public static Response Start(Consultation consultation, QuestionnaireVersion version, Invitation? invitation, string token,
        string language, DateTimeOffset now)
    {
        if (!consultation.AcceptsResponses(now))
            throw new DomainException("This consultation does not accept answers now.");
        if (version.ConsultationId != consultation.Id || version.IsTest)
            throw new DomainException("The questionnaire version belongs to another consultation.");
        if (invitation is null && !consultation.AllowsPublicLink)
            throw new DomainException("This consultation takes answers from invited stakeholders only.");
        if (!version.Snapshot.Languages.Contains(language))
            throw new DomainException("The language '{0}' is not offered by this consultation.", language);
        var at = consultation.RespondentTime(now);
        return new Response
        {
            // Random (version 4) rather than time-ordered ids: an id must not reveal when someone answered.
            Id = Guid.NewGuid(),
            ConsultationId = consultation.Id,
            QuestionnaireVersionId = version.Id,
            Language = language,
            Channel = invitation is null ? ResponseChannel.PublicLink : ResponseChannel.Invitation,
            Status = ResponseStatus.InProgress,
            InvitationId = consultation.IsAnonymous ? null : invitation?.Id,
            ResponsePointer = InvitationToken.ResponsePointer(token) ?? throw new DomainException("The token is not a valid invitation token."),
            IdempotencyKey = Guid.NewGuid(),
            CreatedAt = at,
            UpdatedAt = at,
        };
    }

    /// <summary>
    /// Saves one page: its questions' fields replace the ones saved before, and the fields of every question the answers now
    /// hide are dropped (an answer to a question that became hidden is discarded, as the issue asks).
    /// </summary>
    public void SaveSection(Consultation consultation, QuestionnaireSnapshot snapshot, IEnumerable<string> questionCodes,
        IReadOnlyDictionary<string, string[]> fields, string language, DateTimeOffset now)
    {
        if (!consultation.AcceptsResponses(now))
            throw new DomainException("This consultation does not accept answers now.");
        if (!snapshot.Languages.Contains(language))
            throw new DomainException("The language '{0}' is not offered by this consultation.", language);
        var codes = questionCodes.ToList();
        var saved = Fields.Where(f => !codes.Any(code => AnswerFields.Belongs(f.Key, code)))
            .Concat(fields.Where(f => codes.Any(code => AnswerFields.Belongs(f.Key, code))))
            .ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        var hidden = AnswerFields.HiddenQuestions(snapshot, saved);
        Fields = saved.Where(f => !hidden.Any(code => AnswerFields.Belongs(f.Key, code))).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        Language = language;
        UpdatedAt = consultation.RespondentTime(now);
    }

    /// <summary>Remembers the page the respondent goes to, where their link opens next time.</summary>
    public void StopAt(int section) => CurrentSection = Math.Max(1, section);

    /// <summary>
    /// Submits the checked answers, the first time or again to change them (until the deadline), and returns the revision to
    /// keep. The first submit completes the invitation, except in an anonymous consultation (see <see cref="PendingCompletion"/>).
    /// </summary>
    public ResponseRevision Submit(Consultation consultation, QuestionnaireSnapshot snapshot, Invitation? invitation, AnswerSet answers,
        string language, PublicationPreference? publication, DateTimeOffset now)
    {
        if (IsTest)
            throw new DomainException("This consultation does not accept answers now.");
        if (!consultation.AcceptsResponses(now))
            throw new DomainException("This consultation does not accept answers now.");
        if (!snapshot.Languages.Contains(language))
            throw new DomainException("The language '{0}' is not offered by this consultation.", language);
        if (publication is { } chosen && !snapshot.PublicationChoices.Contains(chosen))
            throw new DomainException("This way of publishing the response is not offered.");

        var at = consultation.RespondentTime(now);
        if (IsSubmitted)
            ChangedAt = at;
        else
        {
            // An anonymous response's invitation is completed later, in a batch (see PendingCompletion).
            if (!consultation.IsAnonymous)
                invitation?.Complete(now);
            Status = ResponseStatus.Submitted;
            SubmittedAt = at;
        }
        (Sector, Country) = Profile(snapshot, answers);
        Answers = answers;
        Language = language;
        PublicationPreference = snapshot.AsksPublicationPreference ? publication : null;
        UpdatedAt = at;
        Revision++;
        return ResponseRevision.Of(this, at);
    }

    /// <summary>A response started and submitted at once (the benchmark and demo seeders use it).</summary>
    public static Response Submit(Consultation consultation, QuestionnaireVersion version, Invitation? invitation, string token,
        string language, AnswerSet answers, DateTimeOffset now, PublicationPreference? publication = null)
    {
        var response = Start(consultation, version, invitation, token, language, now);
        response.Submit(consultation, version.Snapshot, invitation, answers, language, publication, now);
        return response;
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
            Revision = 1,
            CreatedAt = now,
            UpdatedAt = now,
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

/// <summary>One submit of a response, kept as it was: the first answers and every change after, each with its time.</summary>
public sealed class ResponseRevision
{
    private ResponseRevision() { }

    public Guid Id { get; private set; }
    public Guid ResponseId { get; private set; }
    public int Number { get; private set; }
    public AnswerSet Answers { get; private set; } = AnswerSet.Empty;
    public string Language { get; private set; } = "";
    public PublicationPreference? PublicationPreference { get; private set; }

    /// <summary>A day in anonymous consultations, as the response's own times.</summary>
    public DateTimeOffset SubmittedAt { get; private set; }

    internal static ResponseRevision Of(Response response, DateTimeOffset at) => new()
    {
        Id = Guid.NewGuid(),
        ResponseId = response.Id,
        Number = response.Revision,
        Answers = response.Answers,
        Language = response.Language,
        PublicationPreference = response.PublicationPreference,
        SubmittedAt = at,
    };
}
