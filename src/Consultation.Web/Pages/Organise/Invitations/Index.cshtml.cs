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
/// One consultation's invitations: how many were sent, opened and answered, the response rate by sector, country and
/// language (each a GROUP BY, quick at 10,000), and a page of <see cref="PageSize"/> invitations with what can be done to
/// each. In an anonymous consultation nothing that could join a person to a response is shown (ADR 0014).
/// </summary>
public sealed partial class InvitationsModel(ConsultationDbContext db, InvitationLinks links, Outbox outbox, StaffAudit audit, TimeProvider time,
    IStringLocalizer<SharedResource> s) : PageModel
{
    public const int PageSize = 50;

    /// <summary>The filter value for invitations whose person opted out (a mark beside the status, not a status).</summary>
    public const string OptedOutFilter = "opted-out";

    /// <summary>Started is null in an anonymous consultation: no response names its invitation there.</summary>
    public sealed record Counts(int Invited, int Sent, int Failed, int Opened, int? Started, int Submitted, int Declined, int OptedOut, int Revoked);

    /// <summary>One group's share of answers; <paramref name="Key"/> is the sector, country code (empty: not stated) or language tag.</summary>
    public sealed record Rate(string Key, string Label, int Invited, int Submitted)
    {
        public double Share => Invited == 0 ? 0 : (double)Submitted / Invited;
    }

    /// <summary>One invitation as listed; in an anonymous consultation its opened and submitted times are always null.</summary>
    public sealed record Row(Guid Id, string Name, string Email, string? Organisation, string Language, InvitationStatus Status, bool Started,
        bool HasOptedOut, bool NeverEmail, DateTimeOffset? SentAt, DateTimeOffset? OpenedAt, DateTimeOffset? CompletedAt, DateTimeOffset? DeclinedAt,
        DateTimeOffset? OptedOutAt, DateTimeOffset? RevokedAt, string? DeliveryError)
    {
        /// <summary>Invitation.MayBeEmailed for a listed row, to offer "Send again"; the handler asks the entity itself.</summary>
        public bool MayBeEmailed => !NeverEmail && !HasOptedOut && Status is not (InvitationStatus.Declined or InvitationStatus.Completed or InvitationStatus.Revoked);
        public bool MayBeRevoked => Status is not (InvitationStatus.Completed or InvitationStatus.Revoked);
    }

    [BindProperty(SupportsGet = true, Name = "status")] public string? StatusFilter { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public string? Search { get; set; }
    [BindProperty(SupportsGet = true, Name = "pageNumber")] public int PageNumber { get; set; } = 1;

    /// <summary>The invitation whose withdrawal is being confirmed (from the list's "Withdraw…" link).</summary>
    [BindProperty(SupportsGet = true, Name = "revoke")] public Guid? ConfirmRevokeId { get; set; }

    public Guid ConsultationId { get; private set; }
    public string Title { get; private set; } = "";
    public bool IsAnonymous { get; private set; }
    public bool IsOpen { get; private set; }
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;
    public Counts Totals { get; private set; } = new(0, 0, 0, 0, null, 0, 0, 0, 0);
    public IReadOnlyList<Rate> BySector { get; private set; } = [];
    public IReadOnlyList<Rate> ByCountry { get; private set; } = [];
    public IReadOnlyList<Rate> ByLanguage { get; private set; } = [];
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Found { get; private set; }
    public int LastPage => Math.Max(1, (Found + PageSize - 1) / PageSize);
    public Row? ConfirmRevoke { get; private set; }

    /// <summary>What the last action did ("resent", "revoked"), from the redirect after it.</summary>
    [BindProperty(SupportsGet = true, Name = "done")] public string? Done { get; set; }

    /// <summary>Why the last action was refused, in words.</summary>
    public string? Problem { get; private set; }

    /// <summary>The personal link asked for with "Copy link", and whose it is; never part of the list itself.</summary>
    public string? CopiedLink { get; private set; }
    public string? CopiedFor { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid consultationId, CancellationToken cancellationToken) =>
        await LoadAsync(consultationId, cancellationToken) ? Page() : NotFound();

    /// <summary>The status filter as a status, or null for "any" and for <see cref="OptedOutFilter"/>.</summary>
    private InvitationStatus? FilteredStatus =>
        Enum.TryParse<InvitationStatus>(StatusFilter, ignoreCase: false, out var status) && Enum.IsDefined(status) ? status : null;

    private async Task<bool> LoadAsync(Guid consultationId, CancellationToken cancellationToken)
    {
        var consultation = await db.Consultations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == consultationId, cancellationToken);
        if (consultation is null)
            return false;
        ConsultationId = consultationId;
        IsAnonymous = consultation.IsAnonymous;
        IsOpen = consultation.AcceptsResponses(time.GetUtcNow());
        Zone = ZonedTime.Find(consultation.TimeZone) ?? TimeZoneInfo.Utc;
        Title = (await ConsultationTitles.InAsync(db, [consultation], CultureInfo.CurrentUICulture.Name, cancellationToken))[consultationId];
        await CountAsync(consultationId, cancellationToken);
        await ListAsync(consultationId, cancellationToken);
        if (ConfirmRevokeId is { } revokeId)
            ConfirmRevoke = await AsRows(Invited(consultationId).Where(x => x.Invitation.Id == revokeId)).FirstOrDefaultAsync(cancellationToken);
        return true;
    }

    private async Task CountAsync(Guid consultationId, CancellationToken cancellationToken)
    {
        var invitations = db.Invitations.AsNoTracking().Where(i => i.ConsultationId == consultationId);
        var totals = await invitations.GroupBy(_ => 1).Select(g => new
        {
            Invited = g.Count(),
            Sent = g.Count(i => i.SentAt != null),
            Failed = g.Count(i => i.Status == InvitationStatus.Failed),
            Opened = g.Count(i => i.OpenedAt != null || i.Status == InvitationStatus.Opened || i.Status == InvitationStatus.Started || i.Status == InvitationStatus.Completed),
            Submitted = g.Count(i => i.Status == InvitationStatus.Completed),
            Declined = g.Count(i => i.Status == InvitationStatus.Declined),
            OptedOut = g.Count(i => i.HasOptedOut),
            Revoked = g.Count(i => i.Status == InvitationStatus.Revoked),
        }).FirstOrDefaultAsync(cancellationToken);
        // A response names its invitation in a named consultation only, and at most one does (a unique index).
        int? started = IsAnonymous ? null : await db.Responses.CountAsync(r => r.ConsultationId == consultationId && r.InvitationId != null
            && r.Status == ResponseStatus.InProgress && !r.IsTest, cancellationToken);
        Totals = totals is null ? new Counts(0, 0, 0, 0, started, 0, 0, 0, 0)
            : new Counts(totals.Invited, totals.Sent, totals.Failed, totals.Opened, started, totals.Submitted, totals.Declined, totals.OptedOut, totals.Revoked);

        var people = from i in invitations join p in db.Stakeholders on i.StakeholderId equals p.Id select new { i.Status, i.Language, p.Sector, p.Country };
        var sectors = await people.GroupBy(x => x.Sector)
            .Select(g => new { g.Key, Invited = g.Count(), Submitted = g.Count(x => x.Status == InvitationStatus.Completed) }).ToListAsync(cancellationToken);
        BySector = [.. sectors.Select(x => new Rate(x.Key.ToString(), Labels.Sector(s, x.Key), x.Invited, x.Submitted)).OrderBy(r => r.Label, StringComparer.CurrentCulture)];
        var countries = await people.GroupBy(x => x.Country)
            .Select(g => new { g.Key, Invited = g.Count(), Submitted = g.Count(x => x.Status == InvitationStatus.Completed) }).ToListAsync(cancellationToken);
        ByCountry = [.. countries.Select(x => new Rate(x.Key ?? "", x.Key is null ? s["Not stated"] : Countries.Label(x.Key), x.Invited, x.Submitted)).OrderBy(r => r.Label, StringComparer.CurrentCulture)];
        var languages = await people.GroupBy(x => x.Language)
            .Select(g => new { g.Key, Invited = g.Count(), Submitted = g.Count(x => x.Status == InvitationStatus.Completed) }).ToListAsync(cancellationToken);
        ByLanguage = [.. languages.Select(x => new Rate(x.Key, $"{UiLanguages.NativeName(x.Key)} ({x.Key})", x.Invited, x.Submitted)).OrderBy(r => r.Label, StringComparer.CurrentCulture)];
    }

    private async Task ListAsync(Guid consultationId, CancellationToken cancellationToken)
    {
        var found = Invited(consultationId);
        if (StatusFilter == OptedOutFilter)
            found = found.Where(x => x.Invitation.HasOptedOut);
        else if (FilteredStatus is { } status)
            found = found.Where(x => x.Invitation.Status == status);
        if (Search?.Trim() is { Length: > 0 } q)
        {
            // Typed %, _ and \ are meant literally.
            var pattern = "%" + q.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            found = found.Where(x => EF.Functions.ILike(x.Person.Name, pattern, "\\") || EF.Functions.ILike(x.Person.Email, pattern, "\\"));
        }
        Found = await found.CountAsync(cancellationToken);
        PageNumber = Paging.Number(PageNumber, PageSize);
        Rows = await AsRows(found.OrderBy(x => x.Person.Name).ThenBy(x => x.Invitation.Id).Skip(Paging.Offset(PageNumber, PageSize)).Take(PageSize))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Built with an initializer, not a constructor, so that EF can filter and sort on its members.</summary>
    private sealed class Invitee
    {
        public required Invitation Invitation { get; init; }
        public required Stakeholder Person { get; init; }
    }

    private IQueryable<Invitee> Invited(Guid consultationId) =>
        from i in db.Invitations.AsNoTracking()
        join p in db.Stakeholders.AsNoTracking() on i.StakeholderId equals p.Id
        where i.ConsultationId == consultationId
        select new Invitee { Invitation = i, Person = p };

    /// <summary>Invitations as rows; in an anonymous consultation without opened and submitted times, nor "started".</summary>
    private IQueryable<Row> AsRows(IQueryable<Invitee> found)
    {
        var anonymous = IsAnonymous;
        return found.Select(x => new Row(x.Invitation.Id, x.Person.Name, x.Person.Email, x.Person.Organisation, x.Invitation.Language, x.Invitation.Status,
            !anonymous && db.Responses.Any(r => r.InvitationId == x.Invitation.Id && r.Status == ResponseStatus.InProgress),
            x.Invitation.HasOptedOut, x.Person.NeverEmail, x.Invitation.SentAt, anonymous ? null : x.Invitation.OpenedAt, anonymous ? null : x.Invitation.CompletedAt,
            x.Invitation.DeclinedAt, x.Invitation.OptedOutAt, x.Invitation.RevokedAt, x.Invitation.DeliveryError));
    }

    /// <summary>This list's address, with its filter and search, at another page.</summary>
    public string? Link(int page) => Url.Page("/Organise/Invitations/Index", new { consultationId = ConsultationId, status = StatusFilter, q = Search, pageNumber = page });

    /// <summary>The query string values an action posts with, so that the list comes back as it was.</summary>
    public Dictionary<string, string> ListValues()
    {
        var values = new Dictionary<string, string> { ["pageNumber"] = PageNumber.ToString(CultureInfo.InvariantCulture) };
        if (!string.IsNullOrEmpty(StatusFilter))
            values["status"] = StatusFilter;
        if (!string.IsNullOrEmpty(Search))
            values["q"] = Search;
        return values;
    }

    /// <summary>A time in the consultation's time zone, in the reader's format.</summary>
    public string When(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone).DateTime.ToString("g", CultureInfo.CurrentCulture);
}
