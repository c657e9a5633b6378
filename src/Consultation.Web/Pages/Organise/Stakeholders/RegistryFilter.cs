namespace Consultation.Web.Pages.Organise.Stakeholders;

using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// The registry's search, filters and sort as the query string carries them. The list and its downloads both read
/// people through <see cref="Apply"/>, so a download holds exactly the people the list found, in its order.
/// </summary>
public sealed class RegistryFilter
{
    public string? Q { get; set; }
    public Sector? Sector { get; set; }
    public string? Country { get; set; }
    public string? Language { get; set; }
    public string? Tag { get; set; }
    public bool? Consent { get; set; }
    public bool? NeverEmail { get; set; }
    public string Sort { get; set; } = "name";

    /// <summary>The people found, sorted, with the id last so that paging is stable.</summary>
    public IQueryable<Stakeholder> Apply(IQueryable<Stakeholder> registry) => Sorted(Filtered(registry));

    public IQueryable<Stakeholder> Filtered(IQueryable<Stakeholder> registry)
    {
        if (Q?.Trim() is { Length: > 0 } q)
        {
            // Typed %, _ and \ are meant literally.
            var pattern = "%" + q.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            registry = registry.Where(x => EF.Functions.ILike(x.Name, pattern, "\\") || EF.Functions.ILike(x.Email, pattern, "\\")
                || (x.Organisation != null && EF.Functions.ILike(x.Organisation, pattern, "\\")));
        }
        if (Sector is { } sector)
            registry = registry.Where(x => x.Sector == sector);
        if (Country?.ToUpperInvariant() is { Length: > 0 } country)
            registry = registry.Where(x => x.Country == country);
        if (Language is { Length: > 0 } language)
            registry = registry.Where(x => x.PreferredLanguage == language);
        if (Tag is { Length: > 0 } tag)
            registry = registry.Where(x => x.Tags.Contains(tag));
        if (Consent is { } consent)
            registry = registry.Where(x => x.ConsentGiven == consent);
        if (NeverEmail is { } neverEmail)
            registry = registry.Where(x => x.NeverEmail == neverEmail);
        return registry;
    }

    private IQueryable<Stakeholder> Sorted(IQueryable<Stakeholder> found) => Sort switch
    {
        "organisation" => found.OrderBy(x => x.Organisation).ThenBy(x => x.Id),
        "country" => found.OrderBy(x => x.Country).ThenBy(x => x.Id),
        "created" => found.OrderByDescending(x => x.CreatedAt).ThenByDescending(x => x.Id),
        _ => found.OrderBy(x => x.Name).ThenBy(x => x.Id),
    };

    /// <summary>The query string's values, for a link to the same people at another page or in a download.</summary>
    public Dictionary<string, string?> RouteValues() => new()
    {
        ["q"] = Q,
        ["sector"] = Sector?.ToString(),
        ["country"] = Country,
        ["language"] = Language,
        ["tag"] = Tag,
        ["consent"] = Consent?.ToString(),
        ["neverEmail"] = NeverEmail?.ToString(),
        ["sort"] = Sort,
    };
}
