namespace Consultation.Web.Pages.Organise.Stakeholders;

using System.ComponentModel.DataAnnotations;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Localization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

/// <summary>
/// A person of the registry as the new and edit pages show and post them; <see cref="Version"/> is the row version the
/// form was read at. Tags are typed comma-separated.
/// </summary>
public sealed class StakeholderInput
{
    [Required(ErrorMessage = "Enter a name")]
    [StringLength(Stakeholder.NameLength, ErrorMessage = "The name must be {1} characters or fewer")]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Enter an email address")]
    public string? Email { get; set; }

    [StringLength(Stakeholder.OrganisationLength, ErrorMessage = "The organisation must be {1} characters or fewer")]
    public string? Organisation { get; set; }

    public Sector Sector { get; set; } = Sector.Other;
    public string? Country { get; set; }

    [Required(ErrorMessage = "Choose a preferred language")]
    public string? PreferredLanguage { get; set; } = "en";

    public string TimeZone { get; set; } = "UTC";
    public string? Tags { get; set; }
    public bool ConsentGiven { get; set; }
    public DateOnly? ConsentDate { get; set; }

    [StringLength(Stakeholder.ConsentSourceLength, ErrorMessage = "The source of consent must be {1} characters or fewer")]
    public string? ConsentSource { get; set; }

    public string? Notes { get; set; }
    public bool NeverEmail { get; set; }
    public uint Version { get; set; }

    public static StakeholderInput From(Stakeholder s) => new()
    {
        Name = s.Name,
        Email = s.Email,
        Organisation = s.Organisation,
        Sector = s.Sector,
        Country = s.Country,
        PreferredLanguage = s.PreferredLanguage,
        TimeZone = s.TimeZone,
        Tags = string.Join(", ", s.Tags),
        ConsentGiven = s.ConsentGiven,
        ConsentDate = s.ConsentDate,
        ConsentSource = s.ConsentSource,
        Notes = s.Notes,
        NeverEmail = s.NeverEmail,
        Version = s.Version,
    };

    public List<string> TagList() => Stakeholder.CleanTags((Tags ?? "").Split(','));

    public StakeholderDetails ToDetails() => new(Name ?? "", Email ?? "", Organisation, Sector, Country, PreferredLanguage ?? "")
    {
        TimeZone = TimeZone,
        Tags = TagList(),
        ConsentGiven = ConsentGiven,
        ConsentDate = ConsentDate,
        ConsentSource = ConsentSource,
        Notes = Notes,
        NeverEmail = NeverEmail,
    };

    /// <summary>
    /// What the annotations cannot say, each next to its field: the address's shape and that nobody else in the
    /// registry has it, known countries, languages and time zones, tags, consent's date, the notes' length.
    /// </summary>
    public async Task ValidateAsync(ModelStateDictionary modelState, IStringLocalizer s, IQueryable<Stakeholder> registry,
        Guid? existingId, CancellationToken cancellationToken)
    {
        const string prefix = "Input.";
        if (Email is { Length: > 0 } email)
        {
            var normalised = Stakeholder.Normalise(email);
            if (!Stakeholder.IsEmailAddress(email))
                modelState.AddModelError(prefix + nameof(Email), s["Enter an email address in the right shape, like name@example.org"]);
            else if (await registry.AnyAsync(x => x.NormalisedEmail == normalised && x.Id != existingId, cancellationToken))
                modelState.AddModelError(prefix + nameof(Email), s["Someone in the registry already has the address {0}.", email.Trim()]);
        }
        if (!Enum.IsDefined(Sector))
            modelState.AddModelError(prefix + nameof(Sector), s["Choose a sector from the list."]);
        if (!string.IsNullOrWhiteSpace(Country))
        {
            if (Countries.Known(Country) is { } country)
                Country = country;
            else
                modelState.AddModelError(prefix + nameof(Country), s["Choose a country from the list."]);
        }
        if (PreferredLanguage is { Length: > 0 })
        {
            if (ContentLanguages.Known(PreferredLanguage) is { } known)
                PreferredLanguage = known;
            else
                modelState.AddModelError(prefix + nameof(PreferredLanguage), s["Choose the preferred language from the list"]);
        }
        if (ZonedTime.Find(TimeZone) is null)
            modelState.AddModelError(prefix + nameof(TimeZone), s["Choose a time zone from the list."]);
        var tags = TagList();
        if (tags.Count > Stakeholder.MaxTags || tags.Any(t => t.Length > Stakeholder.TagLength))
            modelState.AddModelError(prefix + nameof(Tags), s["Up to {0} tags, each {1} characters or fewer.", Stakeholder.MaxTags, Stakeholder.TagLength]);
        if (ConsentGiven && ConsentDate is null)
            modelState.AddModelError(prefix + nameof(ConsentDate), s["Say when consent was given."]);
        if ((Notes ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim().Length > Stakeholder.NotesLength)
            modelState.AddModelError(prefix + nameof(Notes), s["The notes must be {0} characters or fewer.", Stakeholder.NotesLength]);
    }
}
