namespace Consultation.Web.Pages.Organise.Stakeholders;

using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// The registry: search, filter and sort, a page of <see cref="PageSize"/> at a time. Everything is in the query string,
/// so a filtered list is a link. Each sort has an index (the column, then the id), so any page of 10,000 comes at once.
/// </summary>
public sealed partial class StakeholdersModel(ConsultationDbContext db, StaffAudit audit, TimeProvider time) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(Guid Id, string Name, string Email, string? Organisation, Sector Sector, string? Country,
        string PreferredLanguage, List<string> Tags, bool ConsentGiven, bool NeverEmail);

    /// <summary>Bound from the query string's own names (q, sector, …): with no "Filter." prefix there, binding falls back to none.</summary>
    [BindProperty(SupportsGet = true)] public RegistryFilter Filter { get; set; } = new();
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
        Total = await Filter.Filtered(registry).CountAsync(cancellationToken);
        PageNumber = Math.Clamp(PageNumber, 1, LastPage);
        Rows = await Filter.Apply(registry)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(x => new Row(x.Id, x.Name, x.Email, x.Organisation, x.Sector, x.Country, x.PreferredLanguage, x.Tags, x.ConsentGiven, x.NeverEmail))
            .ToListAsync(cancellationToken);
        Countries = await registry.Where(x => x.Country != null).Select(x => x.Country!).Distinct().OrderBy(c => c).ToListAsync(cancellationToken);
        Languages = await registry.Select(x => x.PreferredLanguage).Distinct().OrderBy(l => l).ToListAsync(cancellationToken);
        Tags = await registry.SelectMany(x => x.Tags).Distinct().OrderBy(t => t).ToListAsync(cancellationToken);
    }

    /// <summary>This list's address, with its search, filters and sort, at another page.</summary>
    public string? Link(int page)
    {
        var values = Filter.RouteValues();
        values["pageNumber"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Url.Page("/Organise/Stakeholders/Stakeholders", values);
    }

    /// <summary>A download of everyone this list found, on every page: <paramref name="handler"/> is Excel or Csv.</summary>
    public string? DownloadLink(string handler) => Url.Page("/Organise/Stakeholders/Stakeholders", handler, Filter.RouteValues());
}
