namespace Consultation.Web.Data;

using System.Security.Claims;

/// <summary>Who is signed in, read from their sign-in cookie's claims.</summary>
public static class StaffUserClaims
{
    /// <summary>The signed-in staff member's account id; null for anyone else (a respondent, or a malformed claim).</summary>
    public static Guid? StaffUserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    /// <summary>The account id on a page only staff can open, where a missing one is a fault, not a visitor to turn away.</summary>
    public static Guid RequiredStaffUserId(this ClaimsPrincipal user) =>
        user.StaffUserId() ?? throw new InvalidOperationException("The signed-in person has no staff account id.");
}
