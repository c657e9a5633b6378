namespace Consultation.Web.Pages.Organise.Team;

using System.Globalization;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Infrastructure;
using Consultation.Web.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

/// <summary>
/// A consultation's team: its organisers, analysts and translators (with their languages). Organisers add existing
/// staff accounts by email, change roles and languages, and remove members, never the last organiser.
/// </summary>
public sealed class TeamModel(ConsultationDbContext db, UserManager<StaffUser> users, StaffAudit audit, TimeProvider time, IStringLocalizer<SharedResource> s)
    : PageModel
{
    public sealed record Member(Guid Id, Guid UserId, string Email, string Name, MemberRole Role, IReadOnlyList<string> Languages);

    public Guid ConsultationId { get; private set; }
    public string Title { get; private set; } = "";
    public IReadOnlyList<string> OfferedLanguages { get; private set; } = [];
    public IReadOnlyList<Member> Members { get; private set; } = [];

    /// <summary>What went wrong with the last change, in words, and which form it came from (a member id, or null for the add form).</summary>
    public string? Problem { get; private set; }
    public Guid? ProblemMemberId { get; private set; }

    /// <summary>The add form's values, kept when it is refused.</summary>
    public string AddEmail { get; private set; } = "";
    public MemberRole AddRole { get; private set; } = MemberRole.Analyst;
    public IReadOnlyList<string> AddLanguages { get; private set; } = [];

    /// <summary>The address just submitted on the add form, answered in the same words whether or not it has an account.</summary>
    public string? Added { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid consultationId, [FromQuery] string? added, CancellationToken cancellationToken)
    {
        Added = added is { Length: > 0 and <= 320 } ? added : null;
        return await LoadAsync(consultationId, cancellationToken) ? Page() : NotFound();
    }

    /// <summary>The fields of the add, change and remove forms (named <c>Member.*</c>).</summary>
    public sealed class MemberInput
    {
        public Guid Id { get; set; }
        public string? Email { get; set; }
        public MemberRole? Role { get; set; }
        public List<string> Languages { get; set; } = [];
    }

    /// <summary>
    /// Adds a staff account by email. An address without a usable account (none, or disabled) gets the same answer as one
    /// with an account, so the form does not tell organisers who has an account; nobody is added then.
    /// </summary>
    public async Task<IActionResult> OnPostAddAsync([FromRoute] Guid consultationId, [FromForm(Name = "Member")] MemberInput input,
        CancellationToken cancellationToken)
    {
        var role = input.Role;
        AddEmail = (input.Email ?? "").Trim();
        AddRole = role ?? MemberRole.Analyst;
        AddLanguages = input.Languages;
        var result = await ChangeTeamAsync(consultationId, null, async consultation =>
        {
            if (AddEmail.Length == 0)
                return s["Enter the email address of the person to add."];
            if (role is not { } chosenRole || !Enum.IsDefined(chosenRole))
                return s["Choose a role."];
            // Checked before the account is looked up, so that no refusal depends on whether the account exists.
            if (LanguageProblem(consultation, chosenRole, AddLanguages) is { } problem)
                return problem;
            var user = AddEmail.Length <= 320 ? await users.FindByEmailAsync(AddEmail) : null;
            if (user is null || user.IsDisabled)
                return null;
            if (await db.ConsultationMembers.AnyAsync(m => m.ConsultationId == consultationId && m.UserId == user.Id, cancellationToken))
                return s["{0} is already on the team: change their role in the list.", AddEmail];
            // Membership only: it grants rights in this consultation; platform roles are for admins to give.
            db.ConsultationMembers.Add(ConsultationMember.Add(consultation, user.Id, chosenRole, time.GetUtcNow(), TranslatorLanguages(chosenRole, AddLanguages)));
            Audit(AuditActions.MemberAdded, consultationId, user.Id);
            return null;
        }, cancellationToken);
        return result is RedirectToPageResult ? RedirectToPage(new { consultationId, added = AddEmail }) : result;
    }

    public async Task<IActionResult> OnPostChangeAsync([FromRoute] Guid consultationId, [FromForm(Name = "Member")] MemberInput input,
        CancellationToken cancellationToken)
    {
        var (memberId, role, languages) = (input.Id, input.Role, input.Languages);
        return await ChangeTeamAsync(consultationId, memberId, async consultation =>
        {
            if (role is not { } chosenRole || !Enum.IsDefined(chosenRole))
                return s["Choose a role."];
            var member = await db.ConsultationMembers.FirstOrDefaultAsync(m => m.Id == memberId && m.ConsultationId == consultationId, cancellationToken);
            if (member is null)
                return ChangedMeanwhile;
            if (member.Role == MemberRole.Organiser && chosenRole != MemberRole.Organiser && await IsLastOrganiserAsync(consultationId, cancellationToken))
                return s["A consultation needs at least one organiser. Add another organiser before changing this one's role."];
            if (LanguageProblem(consultation, chosenRole, languages) is { } problem)
                return problem;
            // Replaced, not edited: a form read before this change now names a membership that no longer exists.
            db.ConsultationMembers.Remove(member);
            db.ConsultationMembers.Add(member.Reassign(consultation, chosenRole, TranslatorLanguages(chosenRole, languages)));
            Audit(AuditActions.MemberChanged, consultationId, member.UserId);
            return null;
        }, cancellationToken);
    }

    public async Task<IActionResult> OnPostRemoveAsync([FromRoute] Guid consultationId, [FromForm(Name = "Member")] MemberInput input,
        CancellationToken cancellationToken)
    {
        var memberId = input.Id;
        var removedSelf = false;
        var result = await ChangeTeamAsync(consultationId, memberId, async _ =>
        {
            var member = await db.ConsultationMembers.FirstOrDefaultAsync(m => m.Id == memberId && m.ConsultationId == consultationId, cancellationToken);
            if (member is null)
                return ChangedMeanwhile;
            if (member.Role == MemberRole.Organiser && await IsLastOrganiserAsync(consultationId, cancellationToken))
                return s["A consultation needs at least one organiser. Add another organiser before removing this one."];
            db.ConsultationMembers.Remove(member);
            Audit(AuditActions.MemberRemoved, consultationId, member.UserId);
            removedSelf = member.UserId == User.StaffUserId() && !User.IsInRole(StaffRoles.Admin);
            return null;
        }, cancellationToken);
        // An organiser who left the team can no longer see it: back to their own list.
        return removedSelf && result is RedirectToPageResult ? LocalRedirect("/staff") : result;
    }

    private string ChangedMeanwhile => s["Someone else changed this team member at the same time. The list below shows the team as it is now; make your change again if it is still needed."];

    /// <summary>
    /// Runs one change of the team with the consultation's row locked, so two organisers' changes happen one after the
    /// other: the second sees the first's result (a membership replaced or removed, the last organiser) instead of
    /// overwriting it. A refusal (in words) saves nothing and shows the page again.
    /// </summary>
    private async Task<IActionResult> ChangeTeamAsync(Guid consultationId, Guid? memberId, Func<Consultation, Task<string?>> change,
        CancellationToken cancellationToken)
    {
        string? problem;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            if (!await db.LockConsultationAsync(consultationId, cancellationToken))
                return NotFound();
            var consultation = await db.Consultations.AsNoTracking().SingleAsync(c => c.Id == consultationId, cancellationToken);
            problem = await change(consultation);
            if (problem is null)
            {
                // Refused when a membership was removed or replaced meanwhile, or the same person added twice at once.
                if (await db.TrySaveAsync<DbUpdateException>(cancellationToken))
                    await transaction.CommitAsync(cancellationToken);
                else
                    problem = ChangedMeanwhile;
            }
        }
        if (problem is null)
            return RedirectToPage(new { consultationId });
        db.ChangeTracker.Clear();
        Problem = problem;
        ProblemMemberId = memberId;
        await LoadAsync(consultationId, cancellationToken);
        return Page();
    }

    private string? LanguageProblem(Consultation consultation, MemberRole role, IReadOnlyList<string> languages)
    {
        if (role != MemberRole.Translator)
            return null;
        if (languages.Count == 0)
            return s["Choose at least one language for a translator."];
        return languages.FirstOrDefault(l => !consultation.IsOffered(l)) is { } notOffered
            ? s["This consultation is not offered in {0}. Choose among its languages.", notOffered].Value
            : null;
    }

    /// <summary>Languages belong to translators only; boxes ticked for another role are ignored.</summary>
    private static IReadOnlyList<string> TranslatorLanguages(MemberRole role, IReadOnlyList<string> languages) =>
        role == MemberRole.Translator ? languages : [];

    private async Task<bool> IsLastOrganiserAsync(Guid consultationId, CancellationToken cancellationToken) =>
        await db.ConsultationMembers.CountAsync(m => m.ConsultationId == consultationId && m.Role == MemberRole.Organiser, cancellationToken) <= 1;

    private void Audit(string action, Guid consultationId, Guid memberUserId) =>
        audit.Record(action, "consultation-member", $"{consultationId}/{memberUserId}");

    private async Task<bool> LoadAsync(Guid consultationId, CancellationToken cancellationToken)
    {
        var consultation = await db.Consultations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == consultationId, cancellationToken);
        if (consultation is null)
            return false;
        ConsultationId = consultationId;
        OfferedLanguages = consultation.OfferedLanguages;
        Title = (await ConsultationTitles.InAsync(db, [consultation], CultureInfo.CurrentUICulture.Name, cancellationToken))[consultation.Id];
        Members = (await (from m in db.ConsultationMembers
                          join u in db.Users on m.UserId equals u.Id
                          where m.ConsultationId == consultationId
                          orderby m.Role, u.Email
                          select new { m.Id, m.UserId, u.Email, u.DisplayName, m.Role, m.Languages }).AsNoTracking().ToListAsync(cancellationToken))
            .Select(m => new Member(m.Id, m.UserId, m.Email ?? "", m.DisplayName, m.Role, m.Languages)).ToList();
        return true;
    }
}
