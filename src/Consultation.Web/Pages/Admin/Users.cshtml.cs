namespace Consultation.Web.Pages.Admin;

using System.ComponentModel.DataAnnotations;
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

/// <summary>
/// Every staff account, and the form that invites a new one: the account is created without a password and an
/// email in the invitee's interface language carries a one-time link to choose it.
/// </summary>
public sealed class UsersModel(ConsultationDbContext db, UserManager<StaffUser> users, Outbox outbox, TimeProvider time,
    IStringLocalizer<SharedResource> s, PublicLinks links) : PageModel
{
    public sealed record Row(Guid Id, string Email, string Name, IReadOnlyList<string> Roles, string? Language, AccountStatus Status, DateTimeOffset? LastSignIn);

    public IReadOnlyList<Row> Accounts { get; private set; } = [];

    [BindProperty]
    public InviteInput Invite { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "invited")]
    public string? Invited { get; set; }

    public string? Problem { get; private set; }

    public sealed class InviteInput
    {
        [Required(ErrorMessage = "Enter the email address of the person to invite.")]
        [EmailAddress(ErrorMessage = "Enter an email address in the correct format, like name@example.org.")]
        [StringLength(320, ErrorMessage = "Enter an email address in the correct format, like name@example.org.")]
        public string Email { get; set; } = "";

        [StringLength(200, ErrorMessage = "Enter a name of at most {1} characters.")]
        public string? Name { get; set; }

        public List<string> Roles { get; set; } = [];

        public string Language { get; set; } = UiLanguages.Default;

        /// <summary>Set when the form is shown: the same form submitted twice is one invitation.</summary>
        public Guid Key { get; set; }
    }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Invite.Key = Guid.NewGuid();
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostInviteAsync(CancellationToken cancellationToken)
    {
        var email = Invite.Email.Trim();
        var key = AccountInvitationEmail.Key(Invite.Key);
        if (Invite.Key != Guid.Empty && await db.OutboundEmails.AnyAsync(e => e.IdempotencyKey == key, cancellationToken))
            return Done(email);
        if (Invite.Key == Guid.Empty)
            ModelState.AddModelError($"{nameof(Invite)}.{nameof(InviteInput.Email)}", s["The form was incomplete. Try again."]);
        if (Invite.Roles.Count == 0 || Invite.Roles.Any(r => !StaffRoles.All.Contains(r)))
            ModelState.AddModelError($"{nameof(Invite)}.{nameof(InviteInput.Roles)}", s["Choose at least one role."]);
        if (!UiLanguages.Supported.Contains(Invite.Language))
            ModelState.AddModelError($"{nameof(Invite)}.{nameof(InviteInput.Language)}", s["Choose an interface language from the list."]);
        if (!ModelState.IsValid)
            return await ShowAsync(cancellationToken);

        var now = time.GetUtcNow();
        var user = new StaffUser { UserName = email, Email = email, DisplayName = Invite.Name?.Trim() ?? "", InterfaceLanguage = Invite.Language };
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
            {
                // The same form, submitted a moment earlier, may have just created the account.
                if (await db.OutboundEmails.AnyAsync(e => e.IdempotencyKey == key, cancellationToken))
                    return Done(email);
                foreach (var error in created.Errors)
                    ModelState.AddModelError($"{nameof(Invite)}.{nameof(InviteInput.Email)}", error.Description);
                return await ShowAsync(cancellationToken);
            }
            Check(await users.AddToRolesAsync(user, Invite.Roles.Distinct()));
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var link = SetPasswordModel.Link(links.BaseUrl, user.Id, token, Invite.Language);
            var inviter = User.Identity?.Name ?? "";
            await outbox.AddAsync(AccountInvitationEmail.Build(Invite.Key, email, Invite.Language, inviter, link, SetPasswordTokenProvider.Lifespan, s, now), cancellationToken);
            db.AuditEvents.Add(AuditEvent.Record(AuditActions.AccountInvited, inviter, ActorId, HttpContext.RemoteAddress(), now, "user", user.Id.ToString()));
            foreach (var role in Invite.Roles.Distinct())
                db.AuditEvents.Add(AuditEvent.Record(AuditActions.RoleGranted, inviter, ActorId, HttpContext.RemoteAddress(), now,
                    UserAccountModel.RoleObjectType, $"{user.Id}/{role}"));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DomainException)
        {
            // An address the attribute let through but a mail server would refuse: nothing is kept.
            ModelState.AddModelError($"{nameof(Invite)}.{nameof(InviteInput.Email)}", s["Enter an email address in the correct format, like name@example.org."]);
            return await ShowAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same form submitted twice at once: the first submission's account and message won.
            db.ChangeTracker.Clear();
            if (await db.OutboundEmails.AnyAsync(e => e.IdempotencyKey == key, cancellationToken))
                return Done(email);
            ModelState.AddModelError($"{nameof(Invite)}.{nameof(InviteInput.Email)}", s["An account with the email address {0} already exists.", email]);
            return await ShowAsync(cancellationToken);
        }
        outbox.DeliverSoon();
        return Done(email);
    }

    private RedirectToPageResult Done(string email) => RedirectToPage(new { invited = email });

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Code)));
    }

    private Guid? ActorId => User.StaffUserId();

    private async Task<PageResult> ShowAsync(CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        Problem = s["The invitation was not sent. Correct the form below."];
        await LoadAsync(cancellationToken);
        return Page();
    }

    public string? ErrorFor(string field) =>
        ModelState.TryGetValue($"{nameof(Invite)}.{field}", out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var accounts = await db.Users.OrderBy(u => u.Email).AsNoTracking().ToListAsync(cancellationToken);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        var lastSignIn = await db.AuditEvents.Where(e => e.Action == AuditActions.SignedIn && e.UserId != null)
            .GroupBy(e => e.UserId).Select(g => new { UserId = g.Key!.Value, At = g.Max(e => e.At) })
            .ToDictionaryAsync(g => g.UserId, g => g.At, cancellationToken);
        Accounts = accounts.Select(u => new Row(u.Id, u.Email ?? "", u.DisplayName,
            roles.Where(r => r.UserId == u.Id).Select(r => r.Name ?? "").Order().ToList(),
            u.InterfaceLanguage, AccountStatuses.Of(u, now), lastSignIn.TryGetValue(u.Id, out var at) ? at : null)).ToList();
    }
}
