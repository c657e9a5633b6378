namespace Consultation.Web.Localization;

using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

/// <summary>Identity's error messages in the person's language (Identity itself only speaks English).</summary>
public sealed class LocalizedIdentityErrorDescriber(IStringLocalizer<SharedResource> s) : IdentityErrorDescriber
{
    private static IdentityError Error(string code, string message) => new() { Code = code, Description = message };

    public override IdentityError DefaultError() => Error(nameof(DefaultError), s["Something went wrong. Try again."]);
    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), s["Someone else changed this account at the same time. Reload the page and try again."]);
    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), s["The password is not correct."]);
    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), s["This link has expired or has already been used."]);
    public override IdentityError LoginAlreadyAssociated() => Error(nameof(LoginAlreadyAssociated), s["This sign-in is already linked to another account."]);
    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), s["'{0}' cannot be used as a user name.", userName ?? ""]);
    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), s["Enter an email address in the correct format, like name@example.org."]);
    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), s["An account with the email address {0} already exists.", userName]);
    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), s["An account with the email address {0} already exists.", email]);
    public override IdentityError InvalidRoleName(string? role) => Error(nameof(InvalidRoleName), s["'{0}' is not a role.", role ?? ""]);
    public override IdentityError DuplicateRoleName(string role) => Error(nameof(DuplicateRoleName), s["The role {0} already exists.", role]);
    public override IdentityError UserAlreadyHasPassword() => Error(nameof(UserAlreadyHasPassword), s["This account already has a password."]);
    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled), s["This account cannot be locked."]);
    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole), s["This person already has the role {0}.", role]);
    public override IdentityError UserNotInRole(string role) => Error(nameof(UserNotInRole), s["This person does not have the role {0}.", role]);
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), s["Your password must be at least {0} characters long.", length]);
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), s["Your password must use at least {0} different characters.", uniqueChars]);
    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), s["Your password must include a symbol, such as ! or #."]);
    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), s["Your password must include a number."]);
    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), s["Your password must include a lower-case letter."]);
    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), s["Your password must include a capital letter."]);
    public override IdentityError RecoveryCodeRedemptionFailed() => Error(nameof(RecoveryCodeRedemptionFailed), s["This recovery code is not valid."]);
}
