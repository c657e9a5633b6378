namespace Consultation.Web.Pages.Admin;

using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Email;
using Consultation.Web.Infrastructure;
using Consultation.Web.Localization;
using Consultation.Web.Pages.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

/// <summary>One account: its roles and interface language, and disabling or re-enabling it.</summary>
public sealed class UserAccountModel(ConsultationDbContext db, UserManager<StaffUser> users, Outbox outbox, TimeProvider time,
    IStringLocalizer<SharedResource> s, PublicLinks links) : PageModel
{
    /// <summary>Set when the page is shown: the "send a new link" form submitted twice sends one email.</summary>
    public Guid LinkKey { get; private set; }

    [BindProperty(SupportsGet = true, Name = "sent")]
    public bool LinkSent { get; set; }

    public StaffUser Account { get; private set; } = null!;
    public IReadOnlyList<string> Roles { get; private set; } = [];
    public AccountStatus Status { get; private set; }
    public bool IsSelf => Account.Id == ActorId;
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid userId)
    {
        LinkKey = Guid.NewGuid();
        return await LoadAsync(userId) ? Page() : NotFound();
    }

    /// <summary>
    /// A new set-password link by email, in the account's interface language: for an invitee whose link expired, or
    /// someone who forgot their password. Earlier links stop working (the security stamp changes, which also ends
    /// the person's open sessions: whoever asked for a new password should not stay signed in elsewhere).
    /// </summary>
    public async Task<IActionResult> OnPostSendLinkAsync([FromRoute] Guid userId, [FromForm(Name = "LinkKey")] Guid key, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(userId))
            return NotFound();
        if (Account.IsDisabled)
            return await RefuseAsync(userId, s["Re-enable the account before sending it a link."]);
        if (key == Guid.Empty)
            return await RefuseAsync(userId, s["The form was incomplete. Try again."]);
        if (!await db.OutboundEmails.AnyAsync(e => e.IdempotencyKey == AccountInvitationEmail.Key(key), cancellationToken))
        {
            await users.UpdateSecurityStampAsync(Account);
            var language = Account.InterfaceLanguage ?? UiLanguages.Default;
            var token = await users.GeneratePasswordResetTokenAsync(Account);
            var link = SetPasswordModel.Link(links.BaseUrl, Account.Id, token, language);
            await outbox.AddAsync(AccountInvitationEmail.Build(key, Account.Email ?? "", language, User.Identity?.Name ?? "", link,
                SetPasswordTokenProvider.Lifespan, s, time.GetUtcNow()), cancellationToken);
            await AuditAsync(AuditActions.SetPasswordLinkSent, cancellationToken);
            outbox.DeliverSoon();
        }
        return RedirectToPage(new { userId, sent = true });
    }

    /// <summary>
    /// Roles and language, saved only if nobody changed the account since the form was shown (Identity's concurrency
    /// stamp, carried by the form): two admins cannot silently overwrite each other.
    /// </summary>
    /// <summary>The settings form's fields (named <c>Settings.*</c>).</summary>
    public sealed class SettingsInput
    {
        public List<string> Roles { get; set; } = [];
        public string? Language { get; set; }

        /// <summary>The account's concurrency stamp when the form was shown.</summary>
        public string? Stamp { get; set; }
    }

    public async Task<IActionResult> OnPostSaveAsync([FromRoute] Guid userId, [FromForm(Name = "Settings")] SettingsInput input,
        CancellationToken cancellationToken)
    {
        var (roles, language, stamp) = (input.Roles, input.Language, input.Stamp);
        if (!await LoadAsync(userId))
            return NotFound();
        var chosen = roles.Distinct().ToList();
        if (chosen.Any(r => !StaffRoles.All.Contains(r)))
            return await RefuseAsync(userId, s["Choose roles from the list."]);
        if (language is null || !UiLanguages.Supported.Contains(language))
            return await RefuseAsync(userId, s["Choose an interface language from the list."]);
        if (IsSelf && Roles.Contains(StaffRoles.Admin) && !chosen.Contains(StaffRoles.Admin))
            return await RefuseAsync(userId, s["You cannot remove your own administrator role: another administrator can."]);

        // A form shown before someone else's change carries an older stamp; a change between this reading and the
        // update below is caught by Identity's own check of the stamp on the update.
        if (stamp != Account.ConcurrencyStamp)
            return await RefuseAsync(userId, s["Someone else changed this account at the same time. Reload the page and try again."]);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var languageChanged = Account.InterfaceLanguage != language;
        Account.InterfaceLanguage = language;
        var updated = await users.UpdateAsync(Account);
        if (!updated.Succeeded)
            return await RefuseAsync(userId, s["Someone else changed this account at the same time. Reload the page and try again."]);
        var (removed, granted) = (Roles.Except(chosen).ToList(), chosen.Except(Roles).ToList());
        if (!(await users.RemoveFromRolesAsync(Account, removed)).Succeeded
            || !(await users.AddToRolesAsync(Account, granted)).Succeeded)
            return await RefuseAsync(userId, s["Someone else changed this account at the same time. Reload the page and try again."]);
        // Each platform role given or taken is an event of its own: the audit log answers "who made this person an organiser?".
        foreach (var role in granted)
            RecordRoleChange(AuditActions.RoleGranted, role);
        foreach (var role in removed)
            RecordRoleChange(AuditActions.RoleRemoved, role);
        if (languageChanged)
            RecordEvent(AuditActions.AccountChanged, "user", Account.Id.ToString());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return RedirectToPage(new { userId });
    }

    /// <summary>
    /// Locked out for ever, and a new security stamp: the stamp is checked on every request, so the person's open
    /// sessions end at once, and any set-password link they hold stops working.
    /// </summary>
    public async Task<IActionResult> OnPostDisableAsync([FromRoute] Guid userId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(userId))
            return NotFound();
        if (IsSelf)
            return await RefuseAsync(userId, s["You cannot disable your own account: another administrator can."]);
        if (!Account.IsDisabled)
        {
            await users.SetLockoutEnabledAsync(Account, true);
            await users.SetLockoutEndDateAsync(Account, StaffUser.DisabledUntil);
            await users.UpdateSecurityStampAsync(Account);
            await AuditAsync(AuditActions.AccountDisabled, cancellationToken);
        }
        return RedirectToPage(new { userId });
    }

    public async Task<IActionResult> OnPostEnableAsync([FromRoute] Guid userId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(userId))
            return NotFound();
        if (Account.IsDisabled)
        {
            await users.SetLockoutEndDateAsync(Account, null);
            await users.ResetAccessFailedCountAsync(Account);
            await AuditAsync(AuditActions.AccountEnabled, cancellationToken);
        }
        return RedirectToPage(new { userId });
    }

    private Guid? ActorId => User.StaffUserId();

    private async Task AuditAsync(string action, CancellationToken cancellationToken)
    {
        RecordEvent(action, "user", Account.Id.ToString());
        await db.SaveChangesAsync(cancellationToken);
    }

    private void RecordRoleChange(string action, string role) => RecordEvent(action, RoleObjectType, $"{Account.Id}/{role}");

    /// <summary>Role changes are filed as <c>user-role</c> objects named <c>{userId}/{role}</c>.</summary>
    public const string RoleObjectType = "user-role";

    private void RecordEvent(string action, string objectType, string objectId) =>
        db.AuditEvents.Add(AuditEvent.Record(action, User.Identity?.Name ?? "", ActorId, HttpContext.RemoteAddress(), time.GetUtcNow(),
            objectType, objectId));

    private async Task<IActionResult> RefuseAsync(Guid userId, string problem)
    {
        db.ChangeTracker.Clear();
        LinkKey = Guid.NewGuid();
        await LoadAsync(userId);
        Problem = problem;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid userId)
    {
        if (await users.FindByIdAsync(userId.ToString()) is not { } account)
            return false;
        Account = account;
        Roles = [.. await users.GetRolesAsync(account)];
        Status = AccountStatuses.Of(account, time.GetUtcNow());
        return true;
    }
}
