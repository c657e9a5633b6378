namespace Consultation.Web.Domain;

/// <summary>What describes a person in the registry: what the registry's form edits and an import will bring.</summary>
public sealed record StakeholderDetails(string Name, string Email, string? Organisation, Sector Sector, string? Country, string PreferredLanguage)
{
    /// <summary>IANA time zone: reminders go out in working hours there.</summary>
    public string TimeZone { get; init; } = "UTC";

    public IReadOnlyList<string> Tags { get; init; } = [];
    public bool ConsentGiven { get; init; }
    public DateOnly? ConsentDate { get; init; }
    public string? ConsentSource { get; init; }
    public string? Notes { get; init; }

    /// <summary>Across every consultation: no invitation or reminder is ever emailed to this person.</summary>
    public bool NeverEmail { get; init; }
}

/// <summary>A person or organisation in the registry shared across consultations.</summary>
public sealed class Stakeholder
{
    public const int NameLength = 200;
    public const int EmailLength = 320;
    public const int OrganisationLength = 300;
    public const int LanguageLength = 35;
    public const int TimeZoneLength = 64;
    public const int TagLength = 50;
    public const int MaxTags = 20;
    public const int ConsentSourceLength = 300;
    public const int NotesLength = 4_000;

    private Stakeholder() { }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Email { get; private set; } = "";

    /// <summary>The address as compared: trimmed and in lower case, unique across the registry.</summary>
    public string NormalisedEmail { get; private set; } = "";

    public string? Organisation { get; private set; }
    public Sector Sector { get; private set; }

    /// <summary>ISO 3166-1 alpha-2.</summary>
    public string? Country { get; private set; }

    public string PreferredLanguage { get; private set; } = "";
    public string TimeZone { get; private set; } = "UTC";
    public List<string> Tags { get; private set; } = [];
    public bool ConsentGiven { get; private set; }
    public DateOnly? ConsentDate { get; private set; }
    public string? ConsentSource { get; private set; }
    public string? Notes { get; private set; }
    public bool NeverEmail { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? UpdatedAt { get; private set; }

    /// <summary>The row's version (PostgreSQL's xmin): an edit saves only over the version its form was read at.</summary>
    public uint Version { get; private set; }

    public static Stakeholder Create(string name, string email, string? organisation, Sector sector, string? country,
        string preferredLanguage, DateTimeOffset now) =>
        Create(new StakeholderDetails(name, email, organisation, sector, country, preferredLanguage), now);

    public static Stakeholder Create(StakeholderDetails details, DateTimeOffset now)
    {
        var stakeholder = new Stakeholder { Id = Guid.NewGuid(), CreatedAt = now };
        stakeholder.Apply(details);
        return stakeholder;
    }

    public void Edit(StakeholderDetails details, DateTimeOffset now)
    {
        Apply(details);
        UpdatedAt = now;
    }

    /// <summary>
    /// Takes in <paramref name="other"/>, an entry for the same person that is then removed from the registry. This entry's
    /// own details are kept, with what the other adds: an organisation or a country this one lacks, every tag, both
    /// notes, consent if either gave it (the earlier consent, with its own date and source, if both did), never email
    /// if either said so, and the earlier creation. The other's <paramref name="invitations"/> (all of them) move here,
    /// so both histories stay with the person.
    /// </summary>
    public void Absorb(Stakeholder other, IReadOnlyCollection<Invitation> invitations, DateTimeOffset now)
    {
        if (other.Id == Id)
            throw new DomainException("An entry cannot be merged with itself.");
        if (invitations.Any(i => i.StakeholderId != other.Id))
            throw new ArgumentException("Only the other entry's invitations move with it.", nameof(invitations));
        var tags = CleanTags(Tags.Concat(other.Tags));
        if (tags.Count > MaxTags)
            throw new DomainException("Together these entries have {0} tags; at most {1} can be kept. Remove some tags from one of them first.", tags.Count, MaxTags);
        var notes = Notes is null || other.Notes is null || Notes == other.Notes ? Notes ?? other.Notes : Notes + "\n\n" + other.Notes;
        if (notes?.Length > NotesLength)
            throw new DomainException("Together the notes are {0} characters; at most {1} can be kept. Shorten the notes of one of them first.", notes.Length, NotesLength);

        Organisation ??= other.Organisation;
        Country ??= other.Country;
        Tags = tags;
        Notes = notes;
        // A date and a source describe one act of consent: they are never taken from different entries.
        if (other.ConsentGiven && (!ConsentGiven || other.ConsentDate < ConsentDate))
            (ConsentGiven, ConsentDate, ConsentSource) = (true, other.ConsentDate, other.ConsentSource);
        NeverEmail |= other.NeverEmail;
        if (other.CreatedAt < CreatedAt)
            CreatedAt = other.CreatedAt;
        foreach (var invitation in invitations)
            invitation.MoveTo(this, other);
        UpdatedAt = now;
    }

    /// <summary>The person's details as they are now: what an import's update starts from.</summary>
    public StakeholderDetails Details() => new(Name, Email, Organisation, Sector, Country, PreferredLanguage)
    {
        TimeZone = TimeZone,
        Tags = [.. Tags],
        ConsentGiven = ConsentGiven,
        ConsentDate = ConsentDate,
        ConsentSource = ConsentSource,
        Notes = Notes,
        NeverEmail = NeverEmail,
    };

    /// <summary>Trimmed and in lower case: two spellings of one address are one person.</summary>
    public static string Normalise(string email) => email.Trim().ToLowerInvariant();

    /// <summary>An address a mail server would accept, alone (no display name), within the length a column keeps.</summary>
    public static bool IsEmailAddress(string? email) =>
        email?.Trim() is { Length: > 0 and <= EmailLength } trimmed
        && trimmed.Contains('@', StringComparison.Ordinal)
        && MimeKit.MailboxAddress.TryParse(trimmed, out var parsed)
        && parsed.Address == trimmed;

    /// <summary>Tags as kept: trimmed, without blanks, each once whatever its case.</summary>
    public static List<string> CleanTags(IEnumerable<string?> tags) =>
        [.. tags.Select(t => t?.Trim() ?? "").Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];

    private void Apply(StakeholderDetails details)
    {
        var name = details.Name.Trim();
        if (name.Length is 0 or > NameLength)
            throw new DomainException("A name is needed, up to {0} characters.", NameLength);
        if (!IsEmailAddress(details.Email))
            throw new DomainException("'{0}' is not an email address.", details.Email);
        var organisation = Blank(details.Organisation);
        if (organisation?.Length > OrganisationLength)
            throw new DomainException("The organisation must be {0} characters or fewer.", OrganisationLength);
        if (!Enum.IsDefined(details.Sector))
            throw new DomainException("Choose a sector from the list.");
        var country = Blank(details.Country);
        if (country is not null && Countries.Known(country) is null)
            throw new DomainException("'{0}' is not an ISO 3166-1 country code.", country);
        var language = details.PreferredLanguage.Trim();
        if (language.Length is 0 or > LanguageLength)
            throw new DomainException("A preferred language is needed.");
        if (ZonedTime.Find(details.TimeZone) is null || details.TimeZone.Length > TimeZoneLength)
            throw new DomainException("'{0}' is not a time zone.", details.TimeZone);
        var tags = CleanTags(details.Tags);
        if (tags.Count > MaxTags || tags.Any(t => t.Length > TagLength))
            throw new DomainException("Up to {0} tags, each {1} characters or fewer.", MaxTags, TagLength);
        if (details.ConsentGiven && details.ConsentDate is null)
            throw new DomainException("Say when consent was given.");
        var source = Blank(details.ConsentSource);
        if (source?.Length > ConsentSourceLength)
            throw new DomainException("The source of consent must be {0} characters or fewer.", ConsentSourceLength);
        var notes = Blank(details.Notes?.Replace("\r\n", "\n", StringComparison.Ordinal));
        if (notes?.Length > NotesLength)
            throw new DomainException("The notes must be {0} characters or fewer.", NotesLength);

        Name = name;
        Email = details.Email.Trim();
        NormalisedEmail = Normalise(details.Email);
        Organisation = organisation;
        Sector = details.Sector;
        Country = country is null ? null : Countries.Known(country);
        PreferredLanguage = language;
        TimeZone = details.TimeZone;
        Tags = tags;
        (ConsentGiven, ConsentDate, ConsentSource) = (details.ConsentGiven, details.ConsentDate, source);
        Notes = notes;
        NeverEmail = details.NeverEmail;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
