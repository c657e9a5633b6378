namespace Consultation.Web.Pages.Organise.Translations;

using System.Security.Claims;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// Which languages the signed-in person may translate in one consultation: every one for its organisers (and admins,
/// as on every organiser page), only their own for a translator. The page policy has already let in only these people.
/// </summary>
public sealed record TranslationAccess(bool Organises, IReadOnlyList<string> TranslatorLanguages)
{
    public bool Allows(string language) =>
        Organises || TranslatorLanguages.Contains(language, StringComparer.OrdinalIgnoreCase);

    public static async Task<TranslationAccess> OfAsync(ConsultationDbContext db, ClaimsPrincipal user, Guid consultationId,
        CancellationToken cancellationToken)
    {
        if (user.IsInRole(StaffRoles.Admin))
            return new TranslationAccess(true, []);
        if (user.StaffUserId() is not { } userId)
            return new TranslationAccess(false, []);
        var member = await db.ConsultationMembers.AsNoTracking()
            .FirstOrDefaultAsync(m => m.ConsultationId == consultationId && m.UserId == userId, cancellationToken);
        return member?.Role switch
        {
            MemberRole.Organiser => new TranslationAccess(true, []),
            MemberRole.Translator => new TranslationAccess(false, member.Languages),
            _ => new TranslationAccess(false, []),
        };
    }
}
