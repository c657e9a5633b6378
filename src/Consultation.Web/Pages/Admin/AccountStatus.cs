namespace Consultation.Web.Pages.Admin;

using Consultation.Web.Data;
using Consultation.Web.Domain;
using Microsoft.Extensions.Localization;

public enum AccountStatus { Active, AwaitingPassword, LockedOut, Disabled }

/// <summary>What an admin sees of an account: whether it can sign in, and if not, why.</summary>
public static class AccountStatuses
{
    public static AccountStatus Of(StaffUser user, DateTimeOffset now) =>
        user.IsDisabled ? AccountStatus.Disabled
        : user.LockoutEnd > now ? AccountStatus.LockedOut
        : user.IsAwaitingPassword ? AccountStatus.AwaitingPassword
        : AccountStatus.Active;

    public static string Label(IStringLocalizer s, AccountStatus status) => status switch
    {
        AccountStatus.Disabled => s["Disabled"],
        AccountStatus.LockedOut => s["Locked out"],
        AccountStatus.AwaitingPassword => s["Invited, no password yet"],
        _ => s["Active"],
    };
}
