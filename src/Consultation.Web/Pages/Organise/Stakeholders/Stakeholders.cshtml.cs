namespace Consultation.Web.Pages.Organise.Stakeholders;

using Consultation.Web.Data;
using Consultation.Web.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// The registry: search, filter and sort, a page of <see cref="PageSize"/> at a time. Everything is in the query string,
/// so a filtered list is a link. Each sort has an index (the column, then the id), so any page of 10,000 comes at once.
/// </summary>
public sealed class StakeholdersModel(ConsultationDbContext db) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(Guid Id, string Name, string Email, string? Organisation, Sector Sector, string? Country,
        string PreferredLanguage, List<string> Tags, bool ConsentGiven, bool NeverEmail);

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public Sector? Sector { get; set; }
    [BindProperty(SupportsGet = true)] public string? Country { get; set; }
    [BindProperty(SupportsGet = true)] public string? Language { get; set; }
    [BindProperty(SupportsGet = true)] public string? Tag { get; set; }
    [BindProperty(SupportsGet = true)] public bool? Consent { get; set; }
    [BindProperty(SupportsGet = true)] public bool? NeverEmail { get; set; }
    [BindProperty(SupportsGet = true)] public string Sort { get; set; } = "name";
    [BindProperty(SupportsGet = true)] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int LastPage => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public IReadOnlyList<string> Countries { get; private set; } = [];
    public IReadOnlyList<string> Languages { get; private set; } = [];
    public IReadOnlyList<string> Tags { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var registry = db.Visible(User).AsNoTracking();
        var found = Filtered(registry);
        Total = await found.CountAsync(cancellationToken);
        PageNumber = Math.Clamp(PageNumber, 1, LastPage);
        Rows = await Sorted(found)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(x => new Row(x.Id, x.Name, x.Email, x.Organisation, x.Sector, x.Country, x.PreferredLanguage, x.Tags, x.ConsentGiven, x.NeverEmail))
            .ToListAsync(cancellationToken);
        Countries = await registry.Where(x => x.Country != null).Select(x => x.Country!).Distinct().OrderBy(c => c).ToListAsync(cancellationToken);
        Languages = await registry.Select(x => x.PreferredLanguage).Distinct().OrderBy(l => l).ToListAsync(cancellationToken);
        Tags = await registry.SelectMany(x => x.Tags).Distinct().OrderBy(t => t).ToListAsync(cancellationToken);
    }

    /// <summary>This list's address, with its search, filters and sort, at another page.</summary>
    public string? Link(int page) => Url.Page("/Organise/Stakeholders/Stakeholders", new
    {
        q = Q, sector = Sector, country = Country, language = Language, tag = Tag, consent = Consent, neverEmail = NeverEmail, sort = Sort, pageNumber = page,
    });

    private IQueryable<Stakeholder> Filtered(IQueryable<Stakeholder> registry)
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
}
