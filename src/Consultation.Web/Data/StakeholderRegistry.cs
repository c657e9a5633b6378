namespace Consultation.Web.Data;

using System.Security.Claims;
using Consultation.Web.Domain;

/// <summary>
/// The one place that decides which stakeholders a person may see in the registry. Every registry page queries through
/// <see cref="Visible"/>, so that the institutes issue can scope the registry by institute here, and only here.
/// </summary>
public static class StakeholderRegistry
{
    /// <summary>Today every signed-in person the registry's pages admit (organisers and admins) sees everyone.</summary>
    public static IQueryable<Stakeholder> Visible(this ConsultationDbContext db, ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? db.Stakeholders : db.Stakeholders.Where(_ => false);
}
