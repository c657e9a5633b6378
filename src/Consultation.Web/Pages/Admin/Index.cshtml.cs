namespace Consultation.Web.Pages.Admin;

using Consultation.Web.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

/// <summary>Every staff account, with its roles and whether it is locked out.</summary>
public sealed class AdminHomeModel(ConsultationDbContext db, TimeProvider time) : PageModel
{
    public IReadOnlyList<(string Email, string Name, IReadOnlyList<string> Roles, string? Language, bool LockedOut)> Accounts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var users = await db.Users.OrderBy(u => u.Email).ToListAsync(cancellationToken);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        Accounts = users.Select(u => (u.Email ?? "", u.DisplayName,
            (IReadOnlyList<string>)roles.Where(r => r.UserId == u.Id).Select(r => r.Name ?? "").Order().ToList(),
            u.InterfaceLanguage, u.LockoutEnd > now)).ToList();
    }
}
