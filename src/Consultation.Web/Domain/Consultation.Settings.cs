namespace Consultation.Web.Domain;

/// <summary>The consultation's own settings: its texts, link, languages, time zone, access and anonymity; duplicating and archiving it.</summary>
public sealed partial class Consultation
{
    /// <summary>The fields of the consultation's own texts, all held in the default language by the settings page.</summary>
    public static IReadOnlyList<TextField> OwnTextFields { get; } =
        [TextField.Title, TextField.Summary, TextField.Landing, TextField.PrivacyNotice, TextField.ThankYou];

    /// <summary>The IANA time zone the organiser thinks in: times are stored in UTC and shown back in this zone.</summary>
    public string TimeZone { get; private set; } = "UTC";

    /// <summary>When the settings were last saved; every save writes it, so every save changes the row's version.</summary>
    public DateTimeOffset? UpdatedAt { get; private set; }

    public bool IsArchived => Status == ConsultationStatus.Archived;

    /// <summary>Only a draft or closed consultation can be archived: one that is scheduled or open is still taking part in the world.</summary>
    public bool CanBeArchived => Status is ConsultationStatus.Draft or ConsultationStatus.Closed;

    /// <summary>The link, the default language and anonymity are settled at the first publication.</summary>
    public bool IsDraft => Status == ConsultationStatus.Draft;

    /// <summary>
    /// The time to store on what a respondent leaves (responses, files): to the day in an anonymous consultation,
    /// so that no stored time can be matched with an invitation's, an email's or a log's.
    /// </summary>
    public DateTimeOffset RespondentTime(DateTimeOffset now) =>
        IsAnonymous ? new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero) : now;

    public static bool IsValidSlug(string slug) => slug.Length <= 100 && SlugPattern().IsMatch(slug);

    public void ChangeSlug(string slug)
    {
        EnsureNotArchived();
        if (slug == Slug)
            return;
        if (!IsDraft)
            throw new DomainException("The link cannot change once the consultation has been published.");
        if (!IsValidSlug(slug))
            throw new DomainException($"'{slug}' is not a valid slug: use lower-case letters, digits and hyphens.");
        Slug = slug;
    }

    /// <summary>Sets the languages; the default language is always offered, and may change only while a draft.</summary>
    public void ChangeLanguages(string defaultLanguage, IEnumerable<string> offeredLanguages)
    {
        EnsureNotArchived();
        if (string.IsNullOrWhiteSpace(defaultLanguage))
            throw new DomainException("A consultation needs a default language.");
        if (!string.Equals(defaultLanguage, DefaultLanguage, StringComparison.OrdinalIgnoreCase) && !IsDraft)
            throw new DomainException("The default language cannot change once the consultation has been published.");
        var offered = offeredLanguages.Where(l => !string.IsNullOrWhiteSpace(l)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        offered.RemoveAll(l => string.Equals(l, defaultLanguage, StringComparison.OrdinalIgnoreCase));
        offered.Insert(0, defaultLanguage);
        DefaultLanguage = defaultLanguage;
        OfferedLanguages = offered;
    }

    public void AskPublicationPreference(bool asks)
    {
        EnsureNotArchived();
        AsksPublicationPreference = asks;
    }

    public void RequireConsent(bool requires)
    {
        EnsureNotArchived();
        RequiresConsent = requires;
    }

    public void ChangeAccess(AccessMode accessMode, bool isAnonymous)
    {
        EnsureNotArchived();
        if (!Enum.IsDefined(accessMode))
            throw new DomainException("Unknown access mode.");
        if (isAnonymous != IsAnonymous && !IsDraft)
            throw new DomainException("Anonymity cannot change once the consultation has been published.");
        AccessMode = accessMode;
        IsAnonymous = isAnonymous;
    }

    public void ChangeEstimatedMinutes(int minutes)
    {
        EnsureNotArchived();
        if (minutes is < 1 or > 600)
            throw new DomainException("The estimated time is between 1 and 600 minutes.");
        EstimatedMinutes = minutes;
    }

    public void UseTimeZone(string timeZone)
    {
        EnsureNotArchived();
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
            throw new DomainException($"Unknown time zone '{timeZone}'.");
        TimeZone = timeZone;
    }

    /// <summary>Sets one of the consultation's own texts in the default language, within the length allowed for it.</summary>
    public void SetOwnText(TextField field, string? text)
    {
        EnsureNotArchived();
        if (!OwnTextFields.Contains(field))
            throw new DomainException($"{field} is not a text of the consultation itself.");
        var value = (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal);
        var limit = field == TextField.Title ? ContentLimits.Title : ContentLimits.LongText;
        if (value.Length > limit)
            throw new DomainException($"The {field} is longer than {limit} characters.");
        if (field == TextField.Title && string.IsNullOrWhiteSpace(value))
            throw new DomainException("A consultation needs a title.");
        SetText(ElementKey.Consultation, field, DefaultLanguage, value);
    }

    /// <summary>Marks a save of the settings, so that the row (and its version) changes even when only texts did.</summary>
    public void Touch(DateTimeOffset now) => UpdatedAt = now;

    /// <summary>Archives a draft or closed consultation: it becomes read-only and leaves the default lists.</summary>
    public void Archive(DateTimeOffset now)
    {
        if (!CanBeArchived)
            throw new DomainException("Only a draft or closed consultation can be archived.");
        Status = ConsultationStatus.Archived;
        UpdatedAt = now;
    }

    /// <summary>
    /// A new draft with the same settings, questionnaire and texts in every language, under a new link. Responses,
    /// invitations, versions, the team and the schedule stay with the original.
    /// </summary>
    public Consultation Duplicate(string slug, DateTimeOffset now)
    {
        var copy = Create(slug, DefaultLanguage, OfferedLanguages, AccessMode, IsAnonymous, EstimatedMinutes, now);
        copy.TimeZone = TimeZone;
        copy.AsksPublicationPreference = AsksPublicationPreference;
        copy.RequiresConsent = RequiresConsent;
        copy.ContactEmail = ContactEmail;
        foreach (var section in OrderedSections)
        {
            var sectionCopy = copy.AddSection(section.Code);
            foreach (var question in section.OrderedQuestions)
                CopyQuestion(question, sectionCopy.AddQuestion(copy, question.Code, question.Type, question.IsRequired));
        }
        foreach (var text in _texts)
            copy._texts.Add(text.CopyFor(copy.Id));
        return copy;
    }

    private static void CopyQuestion(Question from, Question to)
    {
        to.ShownAsDropdown(from.AsDropdown);
        if (from.MaxLength is not null)
            to.LimitLength(from.MaxLength);
        if (from.MinSelections is not null || from.MaxSelections is not null)
            to.LimitSelections(from.MinSelections, from.MaxSelections);
        if (from.Type == QuestionType.Number)
            to.LimitRange(from.Minimum, from.Maximum, from.AllowsDecimals);
        if (from.Type == QuestionType.FileUpload && from.MaxFileMegabytes is { } megabytes)
            to.LimitUpload(megabytes, from.AllowedFileTypes);
        foreach (var option in from.Options.OrderBy(o => o.Position))
            to.AddOption(option.Code, option.Sector, option.IsNoOpinion, option.IsOther);
        foreach (var row in from.Rows.OrderBy(r => r.Position))
            to.AddRow(row.Code);
        to.DescribesRespondent(from.Profile);
        to.ShowOnlyIf(from.ShowIf);
    }

    private void EnsureNotArchived()
    {
        if (IsArchived)
            throw new DomainException("An archived consultation cannot be changed.");
    }
}
