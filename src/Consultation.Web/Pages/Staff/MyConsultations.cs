namespace Consultation.Web.Pages.Staff;

using System.Globalization;
using System.Security.Claims;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;

/// <summary>A consultation as a staff list shows it, with the person's role in it (none for an admin who is not on the team).</summary>
public sealed record ConsultationRow(Guid Id, string Slug, string Title, ConsultationStatus Status, DateTimeOffset? ClosesAt,
    MemberRole? Role, IReadOnlyList<string> Languages);

public static class MyConsultations
{
    /// <summary>The consultations the person is on the team of, in the given roles; an admin sees every one. Archived ones only when asked for.</summary>
    public static async Task<IReadOnlyList<ConsultationRow>> ListAsync(ConsultationDbContext db, ClaimsPrincipal user,
        IReadOnlyCollection<MemberRole> roles, CancellationToken cancellationToken, bool includeArchived = false)
    {
        var userId = user.RequiredStaffUserId();
        var memberships = await db.ConsultationMembers.Where(m => m.UserId == userId && roles.Contains(m.Role)).ToListAsync(cancellationToken);
        var ids = memberships.Select(m => m.ConsultationId).ToList();
        var isAdmin = user.IsInRole(StaffRoles.Admin);
        var consultations = await db.Consultations
            .Where(c => isAdmin || ids.Contains(c.Id))
            .Where(c => includeArchived || c.Status != ConsultationStatus.Archived)
            .OrderByDescending(c => c.CreatedAt).ToListAsync(cancellationToken);
        var titles = await ConsultationTitles.InAsync(db, consultations, CultureInfo.CurrentUICulture.Name, cancellationToken);
        return consultations.Select(c =>
        {
            var membership = memberships.FirstOrDefault(m => m.ConsultationId == c.Id);
            return new ConsultationRow(c.Id, c.Slug, titles[c.Id], c.Status, c.ClosesAt, membership?.Role, membership?.Languages ?? []);
        }).ToList();
    }
}
