namespace Consultation.Web.Infrastructure;

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

/// <summary>
/// The token in an invitation's set-password link (Identity's password-reset token). Like Identity's own
/// <see cref="DataProtectorTokenProvider{TUser}"/>, it protects the account id, the purpose and the security stamp,
/// so it works once: setting the password changes the stamp. Unlike it, the age is measured on the app's
/// <see cref="TimeProvider"/> (Identity's reads the system clock), so tests can move past the expiry.
/// </summary>
public sealed class SetPasswordTokenProvider(IDataProtectionProvider protection, TimeProvider time) : IUserTwoFactorTokenProvider<StaffUser>
{
    public const string Name = "SetPassword";

    /// <summary>How long an invitation's link works.</summary>
    public static TimeSpan Lifespan { get; } = TimeSpan.FromDays(3);

    private readonly IDataProtector _protector = protection.CreateProtector("Consultation.SetPasswordToken");

    public async Task<string> GenerateAsync(string purpose, UserManager<StaffUser> manager, StaffUser user)
    {
        var payload = string.Join('\n',
            time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            user.Id.ToString(),
            purpose,
            await manager.GetSecurityStampAsync(user));
        return WebEncoders.Base64UrlEncode(_protector.Protect(Encoding.UTF8.GetBytes(payload)));
    }

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<StaffUser> manager, StaffUser user)
    {
        string[] parts;
        try
        {
            parts = Encoding.UTF8.GetString(_protector.Unprotect(WebEncoders.Base64UrlDecode(token))).Split('\n');
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return false;
        }
        if (parts.Length != 4 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var issued))
            return false;
        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(issued);
        return age >= TimeSpan.Zero && age <= Lifespan
            && parts[1] == user.Id.ToString()
            && parts[2] == purpose
            && parts[3] == await manager.GetSecurityStampAsync(user);
    }

    public Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<StaffUser> manager, StaffUser user) => Task.FromResult(false);
}
