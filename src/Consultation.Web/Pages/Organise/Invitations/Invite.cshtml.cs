namespace Consultation.Web.Pages.Organise.Invitations;

using System.Globalization;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Email;
using Consultation.Web.Infrastructure;
using Consultation.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

/// <summary>
/// Inviting people from the registry: choose them (everyone a filter finds, or those ticked), see the plan (how many are
/// invited, how many skipped and why) before anything is written, then confirm. The confirmation writes every invitation
/// in one pass with the consultation locked, so a double submit or two organisers at once invite nobody twice; an open
/// consultation's emails are queued in the same transaction, a waiting one's when it opens. A test invitation goes to
/// the organiser alone (<c>Invite.Test.cs</c>).
/// </summary>
public sealed partial class InviteModel(ConsultationDbContext db, StaffAudit audit, TimeProvider time, IStringLocalizer<SharedResource> s) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(Guid Id, string Name, string Email, string? Organisation, Sector Sector, string? Country, string PreferredLanguage,
        bool NeverEmail, bool ConsentGiven, bool Invited);

    /// <summary>Bound from the form's and the query string's own names (q, sector, country, …, everyone, selected).</summary>
    [BindProperty(SupportsGet = true)] public InviteChoice Choice { get; set; } = new();
    [BindProperty(SupportsGet = true)] public int PageNumber { get; set; } = 1;

    public Consultation Consultation { get; private set; } = null!;
    public string Title { get; private set; } = "";
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Found { get; private set; }
    public int LastPage => Math.Max(1, (Found + PageSize - 1) / PageSize);
    public IReadOnlyList<string> Countries { get; private set; } = [];
    public IReadOnlyList<string> Languages { get; private set; } = [];
    public IReadOnlyList<string> Tags { get; private set; } = [];

    /// <summary>What confirming would do; set once the organiser asks to review their choice.</summary>
    public InvitePlan? Plan { get; private set; }

    /// <summary>How many the last confirmation invited, after its redirect.</summary>
    public int? Invited { get; private set; }

    /// <summary>Why nobody can be invited to this consultation now, in words; null when invitations can be made.</summary>
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid consultationId, [FromQuery] int? invited, [FromQuery] string? testSent,
        CancellationToken cancellationToken)
    {
        if (!await LoadAsync(consultationId, cancellationToken))
            return NotFound();
        Invited = invited is >= 0 ? invited : null;
        if (testSent is { Length: > 0 } && Consultation.IsOffered(testSent))
            await ShowTestSentAsync(testSent, cancellationToken);
        await ListAsync(cancellationToken);
        return Page();
    }

    /// <summary>The plan for the people chosen: counts only, nothing written.</summary>
    public async Task<IActionResult> OnPostPlanAsync([FromRoute] Guid consultationId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(consultationId, cancellationToken))
            return NotFound();
        if (Problem() is { } problem)
            return await RefuseAsync(problem, cancellationToken);
        var plan = await InvitePlan.OfAsync(db, Choice.Chosen(db.Visible(User).AsNoTracking()), Consultation, cancellationToken);
        if (plan.Chosen == 0)
            return await RefuseAsync(s["Nobody is chosen: the filter finds no one, or the people ticked are no longer in the registry."], cancellationToken);
        Plan = plan;
        return Page();
    }

    /// <summary>Invites the chosen people who may be invited, as the plan said, re-read with the consultation locked.</summary>
    public async Task<IActionResult> OnPostInviteAsync([FromRoute] Guid consultationId, [FromServices] InvitationLinks links,
        [FromServices] Outbox outbox, CancellationToken cancellationToken)
    {
        int invited, queued;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // Whoever confirms second waits here, then finds the first one's invitations and leaves those people out.
            if (!await db.LockConsultationAsync(consultationId, cancellationToken) || !await LoadAsync(consultationId, cancellationToken))
                return NotFound();
            if (Problem() is { } problem)
                return await RefuseAsync(problem, cancellationToken);
            var people = await InvitePlan.Invitable(db, Choice.Chosen(db.Visible(User)), Consultation).AsNoTracking().ToListAsync(cancellationToken);
            var now = time.GetUtcNow();
            List<Invitation> invitations;
            try
            {
                invitations = [.. people.Select(person => links.Invite(Consultation, person, now))];
            }
            catch (DomainException refusal)
            {
                return await RefuseAsync(s.Explain(refusal), cancellationToken);
            }
            await InvitationCopy.InsertAsync(db, invitations, cancellationToken);
            if (invitations.Count > 0)
                audit.Record(AuditActions.StakeholdersInvited, "invitations", invitations.Count.ToString(CultureInfo.InvariantCulture), consultationId);
            await db.SaveChangesAsync(cancellationToken);
            // Only an open consultation's: a waiting one's are queued by publishing or by the scheduled opening.
            queued = Consultation.Status == ConsultationStatus.Open
                ? await InvitationMailing.QueueWaitingAsync(db, consultationId, now, cancellationToken)
                : 0;
            await transaction.CommitAsync(cancellationToken);
            invited = invitations.Count;
        }
        if (queued > 0)
            outbox.DeliverSoon();
        return RedirectToPage(new { consultationId, invited });
    }

    /// <summary>Why the posted choice cannot be planned or invited, in words; null when it can.</summary>
    private string? Problem()
    {
        if (Refusal is not null)
            return Refusal;
        if (!Choice.Everyone && Choice.Selected.Count == 0)
            return s["Tick at least one person, or choose to invite everyone found."];
        return null;
    }

    /// <summary>Shows the list again with <paramref name="problem"/> in the error summary; nothing was written.</summary>
    private async Task<IActionResult> RefuseAsync(string problem, CancellationToken cancellationToken)
    {
        ModelState.AddModelError("", problem);
        Plan = null;
        await ListAsync(cancellationToken);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid consultationId, CancellationToken cancellationToken)
    {
        var consultation = await db.Consultations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == consultationId, cancellationToken);
        if (consultation is null)
            return false;
        Consultation = consultation;
        Title = (await ConsultationTitles.InAsync(db, [consultation], CultureInfo.CurrentUICulture.Name, cancellationToken))[consultationId];
        Refusal = consultation.Status is ConsultationStatus.Closed or ConsultationStatus.Archived
            ? s["This consultation is closed: nobody can be invited to it."].Value
            : !consultation.AllowsInvitations
                ? s["This consultation takes answers through its public link only. To invite people, change who may answer in its settings."].Value
                : null;
        return true;
    }

    /// <summary>One page of the people the filter finds, each marked when already invited, and the filter's choices.</summary>
    private async Task ListAsync(CancellationToken cancellationToken)
    {
        var registry = db.Visible(User).AsNoTracking();
        var found = Choice.Found(registry);
        Found = await found.CountAsync(cancellationToken);
        PageNumber = Math.Clamp(PageNumber, 1, LastPage);
        var consultationId = Consultation.Id;
        Rows = await found.OrderBy(x => x.Name).ThenBy(x => x.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(x => new Row(x.Id, x.Name, x.Email, x.Organisation, x.Sector, x.Country, x.PreferredLanguage, x.NeverEmail, x.ConsentGiven,
                db.Invitations.Any(i => i.ConsultationId == consultationId && i.StakeholderId == x.Id)))
            .ToListAsync(cancellationToken);
        Countries = await registry.Where(x => x.Country != null).Select(x => x.Country!).Distinct().OrderBy(c => c).ToListAsync(cancellationToken);
        Languages = await registry.Select(x => x.PreferredLanguage).Distinct().OrderBy(l => l).ToListAsync(cancellationToken);
        Tags = await registry.SelectMany(x => x.Tags).Distinct().OrderBy(t => t).ToListAsync(cancellationToken);
    }

    /// <summary>This page's address with the filter, at another page of the list.</summary>
    public string? Link(int page)
    {
        var values = Choice.RouteValues();
        values["pageNumber"] = page.ToString(CultureInfo.InvariantCulture);
        return Url.Page("/Organise/Invitations/Invite", null, new RouteValueDictionary(values) { ["consultationId"] = Consultation.Id });
    }
}
