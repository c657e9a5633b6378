using System.Text.RegularExpressions;

namespace Consultation.Web.Domain;

public sealed partial class Consultation
{
    private readonly List<Section> _sections = [];
    private readonly List<ContentText> _texts = [];
    private readonly List<QuestionnaireVersion> _versions = [];

    private Consultation() { }

    public Guid Id { get; private set; }
    public string Slug { get; private set; } = "";
    public ConsultationStatus Status { get; private set; }
    public string DefaultLanguage { get; private set; } = "";
    public List<string> OfferedLanguages { get; private set; } = [];
    public AccessMode AccessMode { get; private set; }
    public bool IsAnonymous { get; private set; }
    public int EstimatedMinutes { get; private set; }

    /// <summary>Whether respondents say how their response may be published (with their name, anonymously, or not at all).</summary>
    public bool AsksPublicationPreference { get; private set; }

    /// <summary>
    /// Whether only people with consent recorded in the registry may be invited: the invite page leaves the others out and
    /// says how many. Off by default; the registry's "never email" applies either way.
    /// </summary>
    public bool RequiresConsent { get; private set; }
    public DateTimeOffset? OpensAt { get; private set; }
    public DateTimeOffset? ClosesAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the first version was published: from then on, codes never change.</summary>
    public DateTimeOffset? FirstPublishedAt { get; private set; }

    /// <summary>
    /// Every element (as its <see cref="ElementKey"/>) any published version has had. Answers and exports are keyed by these
    /// codes, so a code once published keeps its meaning: it cannot be renamed, and once removed it cannot be reused.
    /// </summary>
    public List<string> PublishedElements { get; private set; } = [];

    /// <summary>PostgreSQL's row version (xmin): two changes made from the same reading cannot both be saved.</summary>
    public uint Version { get; private set; }

    public IReadOnlyList<Section> Sections => _sections;
    public IReadOnlyList<ContentText> Texts => _texts;
    public IReadOnlyList<QuestionnaireVersion> Versions => _versions;

    public static Consultation Create(string slug, string defaultLanguage, IEnumerable<string> offeredLanguages,
        AccessMode accessMode, bool isAnonymous, int estimatedMinutes, DateTimeOffset now)
    {
        if (!SlugPattern().IsMatch(slug))
            throw new DomainException("'{0}' is not a valid slug: use lower-case letters, digits and hyphens.", slug);
        var offered = offeredLanguages.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (!offered.Contains(defaultLanguage, StringComparer.OrdinalIgnoreCase))
            offered.Insert(0, defaultLanguage);
        return new Consultation
        {
            Id = Guid.NewGuid(),
            Slug = slug,
            Status = ConsultationStatus.Draft,
            DefaultLanguage = defaultLanguage,
            OfferedLanguages = offered,
            AccessMode = accessMode,
            IsAnonymous = isAnonymous,
            EstimatedMinutes = estimatedMinutes,
            CreatedAt = now,
        };
    }

    public bool AllowsPublicLink => AccessMode is AccessMode.PublicLink or AccessMode.Both;

    public bool AllowsInvitations => AccessMode is AccessMode.InvitedOnly or AccessMode.Both;

    public bool IsOffered(string language) => OfferedLanguages.Contains(language, StringComparer.OrdinalIgnoreCase);

    public bool AcceptsResponses(DateTimeOffset now) =>
        Status == ConsultationStatus.Open && (ClosesAt is null || now < ClosesAt);

    /// <summary>Sets the text of an element's field in one language; the default language's text is stored the same way.</summary>
    public void SetText(string elementKey, TextField field, string language, string text)
    {
        var existing = _texts.Find(t => t.ElementKey == elementKey && t.Field == field && t.Language == language);
        var sourceHash = language == DefaultLanguage ? null : DefaultText(elementKey, field) is { } source ? ContentText.Hash(source) : null;
        if (existing is null)
            _texts.Add(new ContentText(Id, elementKey, field, language, text, sourceHash));
        else
            existing.Update(text, sourceHash);
    }

    public string? DefaultText(string elementKey, TextField field) =>
        _texts.Find(t => t.ElementKey == elementKey && t.Field == field && t.Language == DefaultLanguage)?.Text;

    /// <summary>
    /// Freezes the questionnaire as an immutable version. A draft then opens (or waits for its opening time); a live
    /// consultation keeps its status, and new responses answer the new version while earlier ones keep theirs.
    /// </summary>
    /// <param name="latest">The version published last, when the versions are not loaded.</param>
    public QuestionnaireVersion Publish(DateTimeOffset now, QuestionnaireVersion? latest = null)
    {
        if (Status == ConsultationStatus.Archived)
            throw new DomainException(PublicationProblem.Messages.Archived);
        if (_sections.Count == 0 || _sections.All(s => s.Questions.Count == 0))
            throw new DomainException("A consultation needs at least one question to be published.");
        var number = (latest?.Number ?? _versions.Select(v => v.Number).DefaultIfEmpty(0).Max()) + 1;
        var snapshot = QuestionnaireSnapshot.Of(this);
        var version = new QuestionnaireVersion(Id, number, snapshot, now);
        _versions.Add(version);
        FirstPublishedAt ??= now;
        PublishedElements = [.. PublishedElements.Union(snapshot.ElementKeys().Where(k => k != ElementKey.Consultation)).Order(StringComparer.Ordinal)];
        if (Status == ConsultationStatus.Draft)
            Status = OpensAt is { } opens && opens > now ? ConsultationStatus.Scheduled : ConsultationStatus.Open;
        return version;
    }

    /// <summary>Opens a scheduled or closed consultation now; a deadline already passed is lifted.</summary>
    public void Open(DateTimeOffset now)
    {
        if (Status is not (ConsultationStatus.Scheduled or ConsultationStatus.Closed))
            throw new DomainException("Only a scheduled or closed consultation can be opened.");
        Status = ConsultationStatus.Open;
        OpensAt = OpensAt is { } opens && opens <= now ? opens : now;
        if (ClosesAt <= now)
            ClosesAt = null;
    }

    public void Close(DateTimeOffset now)
    {
        if (Status != ConsultationStatus.Open)
            throw new DomainException("Only an open consultation can be closed.");
        Status = ConsultationStatus.Closed;
        if (ClosesAt is null || ClosesAt > now)
            ClosesAt = now;
    }

    /// <summary>What the clock asks of the consultation now: opening a scheduled one, closing an open one. Null when nothing is due.</summary>
    public ConsultationStatus? ApplySchedule(DateTimeOffset now)
    {
        if (Status == ConsultationStatus.Scheduled && OpensAt <= now && (ClosesAt is null || ClosesAt > now))
        {
            Status = ConsultationStatus.Open;
            return Status;
        }
        if (Status is ConsultationStatus.Open or ConsultationStatus.Scheduled && ClosesAt <= now)
        {
            Status = ConsultationStatus.Closed;
            return Status;
        }
        return null;
    }

    /// <summary>Sets the opening and closing times; a published consultation waits for its opening time or opens at once.</summary>
    public void Schedule(DateTimeOffset? opensAt, DateTimeOffset? closesAt, DateTimeOffset? now = null)
    {
        if (opensAt is not null && closesAt is not null && closesAt <= opensAt)
            throw new DomainException("A consultation must close after it opens.");
        OpensAt = opensAt;
        ClosesAt = closesAt;
        if (now is { } at && Status is ConsultationStatus.Open or ConsultationStatus.Scheduled)
        {
            Status = opensAt > at ? ConsultationStatus.Scheduled : ConsultationStatus.Open;
            ApplySchedule(at);
        }
    }

    internal void EnsureCodeIsFree(string code)
    {
        if (!CodePattern().IsMatch(code))
            throw new DomainException("'{0}' is not a valid code: start with a letter, then letters, digits or underscores.", code);
        if (ReservedCodes.Contains(code))
            throw new DomainException("'{0}' is a word of the condition language and cannot be a code.", code);
        if (TakenCodes.Contains(code))
            throw new DomainException("The code '{0}' is already used in this consultation.", code);
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex("^[a-z][a-z0-9_]{0,62}$")]
    internal static partial Regex CodePattern();
}
