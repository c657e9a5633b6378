using System.Globalization;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Consultation.Web.Pages.Organise;

/// <summary>One consultation as its organisers see it: settings, team, invitations and responses at a glance.</summary>
public sealed class ConsultationModel(ConsultationDbContext db) : PageModel
{
    public Domain.Consultation Consultation { get; private set; } = null!;
    public string Title { get; private set; } = "";
    public IReadOnlyList<(string Email, string Name, MemberRole Role, IReadOnlyList<string> Languages)> Team { get; private set; } = [];
    public IReadOnlyList<(InvitationStatus Status, int Count)> Invitations { get; private set; } = [];
    public int Submitted { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid consultationId, CancellationToken cancellationToken)
    {
        var consultation = await db.Consultations.FirstOrDefaultAsync(c => c.Id == consultationId, cancellationToken);
        if (consultation is null)
            return NotFound();
        Consultation = consultation;
        Title = (await ConsultationTitles.InAsync(db, [consultation], CultureInfo.CurrentUICulture.Name, cancellationToken))[consultation.Id];
        Team = (await (from m in db.ConsultationMembers
                       join u in db.Users on m.UserId equals u.Id
                       where m.ConsultationId == consultationId
                       orderby m.Role, u.Email
                       select new { u.Email, u.DisplayName, m.Role, m.Languages }).ToListAsync(cancellationToken))
            .Select(t => (t.Email ?? "", t.DisplayName, t.Role, (IReadOnlyList<string>)t.Languages)).ToList();
        Invitations = (await db.Invitations.Where(i => i.ConsultationId == consultationId)
                .GroupBy(i => i.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken))
            .OrderBy(g => g.Key).Select(g => (g.Key, g.Count)).ToList();
        Submitted = await db.Responses.CountAsync(r => r.ConsultationId == consultationId && r.Status == ResponseStatus.Submitted && !r.IsTest, cancellationToken);
        return Page();
    }
}
