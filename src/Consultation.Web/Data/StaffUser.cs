namespace Consultation.Web.Data;

using Microsoft.AspNetCore.Identity;

/// <summary>An organiser, analyst, translator or admin: a person with an account (stakeholders have none).</summary>
public sealed class StaffUser : IdentityUser<Guid>
{
    public StaffUser() => Id = Guid.NewGuid();

    public string DisplayName { get; set; } = "";

    /// <summary>
    /// The interface language the person chose, set as their language cookie when they sign in; until they
    /// choose, the language they first signed in with.
    /// </summary>
    public string? InterfaceLanguage { get; set; }

    /// <summary>
    /// Disabled by an admin: locked out for ever (Identity's lockout fields express it, so no column of our own). Failed
    /// sign-ins never lock an account: they are throttled per address instead (ADR 0005).
    /// </summary>
    public bool IsDisabled => LockoutEnabled && LockoutEnd == DisabledUntil;

    /// <summary>An account invited and not yet given a password.</summary>
    public bool IsAwaitingPassword => PasswordHash is null;

    public static DateTimeOffset DisabledUntil => DateTimeOffset.MaxValue;
}

/// <summary>The platform-wide roles; what a person sees inside a consultation depends on their membership of it.</summary>
public static class StaffRoles
{
    public const string Admin = "Admin";
    public const string Organiser = "Organiser";
    public const string Analyst = "Analyst";
    public const string Translator = "Translator";

    public static IReadOnlyList<string> All { get; } = [Admin, Organiser, Analyst, Translator];
}
