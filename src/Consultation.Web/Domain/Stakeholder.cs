namespace Consultation.Web.Domain;

/// <summary>A person or organisation in the registry shared across consultations.</summary>
public sealed class Stakeholder
{
    private Stakeholder() { }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Email { get; private set; } = "";
    public string? Organisation { get; private set; }
    public Sector Sector { get; private set; }

    /// <summary>ISO 3166-1 alpha-2.</summary>
    public string? Country { get; private set; }

    public string PreferredLanguage { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    public static Stakeholder Create(string name, string email, string? organisation, Sector sector, string? country,
        string preferredLanguage, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(email) || !email.Contains('@', StringComparison.Ordinal))
            throw new DomainException("'{0}' is not an email address.", email);
        return new Stakeholder
        {
            Id = Guid.NewGuid(),
            Name = name.Trim(),
            Email = email.Trim(),
            Organisation = organisation,
            Sector = sector,
            Country = country?.ToUpperInvariant(),
            PreferredLanguage = preferredLanguage,
            CreatedAt = now,
        };
    }
}
