namespace Consultation.Web.Pages.Organise.Stakeholders.Import;

using System.Security.Claims;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;

/// <summary>What the import's pages share: whose imports a person may continue, and whom a file names in the registry.</summary>
public static class Imports
{
    /// <summary>An import is its uploader's: a colleague given its address finds nothing.</summary>
    public static IQueryable<StakeholderImport> Mine(this ConsultationDbContext db, ClaimsPrincipal user)
    {
        var userId = user.StaffUserId();
        return db.StakeholderImports.Where(i => userId != null && i.UploadedById == userId);
    }

    /// <summary>The registry's people with one of the file's addresses, by normalised address (one query, an array parameter).</summary>
    public static Task<Dictionary<string, Stakeholder>> ExistingAsync(IQueryable<Stakeholder> registry, ImportTable table,
        IReadOnlyList<ImportField?> mapping, CancellationToken cancellationToken)
    {
        var addresses = ImportPlan.Addresses(table, mapping);
        return registry.Where(x => addresses.Contains(x.NormalisedEmail)).ToDictionaryAsync(x => x.NormalisedEmail, StringComparer.Ordinal, cancellationToken);
    }
}
