namespace Consultation.Web.Pages.Organise.Overview;

using System.Globalization;
using System.Security.Claims;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Infrastructure;
using Consultation.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

/// <summary>One consultation as its organisers see it: settings, team, invitations and responses at a glance.</summary>
public sealed partial class ConsultationOverviewModel(ConsultationDbContext db, StaffAudit audit, TimeProvider time, IStringLocalizer<SharedResource> s) : PageModel
{
    [BindProperty]
    public ScheduleInput Schedule { get; set; } = new();

    public string? ScheduleProblem { get; private set; }

    /// <summary>Times as the organiser thinks of them: local date and time in a named time zone.</summary>
    public sealed class ScheduleInput
    {
        public DateTime? OpensAt { get; set; }
        public DateTime? ClosesAt { get; set; }
        public string TimeZone { get; set; } = "UTC";
    }

    public Consultation Consultation { get; private set; } = null!;
    public string Title { get; private set; } = "";
    public IReadOnlyList<(string Email, string Name, MemberRole Role, IReadOnlyList<string> Languages)> Team { get; private set; } = [];
    public IReadOnlyList<(InvitationStatus Status, int Count)> Invitations { get; private set; } = [];

    /// <summary>Invitations whose person asked for no more emails, whatever their status (counted apart: it is not a status).</summary>
    public int OptedOut { get; private set; }
    public int Submitted { get; private set; }

    /// <summary>Test responses from the preview: shown apart, never counted.</summary>
    public int TestResponses { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid consultationId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(consultationId, cancellationToken))
            return NotFound();
        ShowStoredSchedule();
        return Page();
    }

    private void ShowStoredSchedule()
    {
        // Shown in the time zone the consultation was scheduled in.
        Schedule.TimeZone = Consultation.TimeZone;
        var zone = ZonedTime.Find(Schedule.TimeZone) ?? TimeZoneInfo.Utc;
        Schedule.OpensAt = ZonedTime.ToLocal(Consultation.OpensAt, zone);
        Schedule.ClosesAt = ZonedTime.ToLocal(Consultation.ClosesAt, zone);
    }

    public Task<IActionResult> OnPostOpenAsync([FromRoute] Guid consultationId, CancellationToken cancellationToken) =>
        ChangeAsync(consultationId, AuditActions.ConsultationOpened, c =>
        {
            // A closed consultation is reopened with a new closing time (OnPostReopenAsync), never open-ended.
            if (c.Status == ConsultationStatus.Closed)
                throw new DomainException(Consultation.DeadlineMessages.NoReopenDeadline);
            c.Open(time.GetUtcNow());
        }, cancellationToken);

    public Task<IActionResult> OnPostCloseAsync([FromRoute] Guid consultationId, CancellationToken cancellationToken) =>
        ChangeAsync(consultationId, AuditActions.ConsultationClosed, c => c.Close(time.GetUtcNow()), cancellationToken);

    public async Task<IActionResult> OnPostScheduleAsync([FromRoute] Guid consultationId, CancellationToken cancellationToken)
    {
        if (ZonedTime.Find(Schedule.TimeZone) is not { } zone)
        {
            ScheduleProblem = s["Choose a time zone from the list."];
            return await LoadAsync(consultationId, cancellationToken) ? Page() : NotFound();
        }
        // A local time skipped by a daylight-saving change does not exist; refuse it rather than guess.
        if (ZonedTime.IsSkipped(Schedule.OpensAt, zone) || ZonedTime.IsSkipped(Schedule.ClosesAt, zone))
        {
            ScheduleProblem = s["That time does not exist in this time zone (the clocks change then). Choose another time."];
            return await LoadAsync(consultationId, cancellationToken) ? Page() : NotFound();
        }
        return await ChangeAsync(consultationId, AuditActions.ConsultationScheduled, c =>
        {
            c.Schedule(ZonedTime.ToUtc(Schedule.OpensAt, zone), ZonedTime.ToUtc(Schedule.ClosesAt, zone), time.GetUtcNow());
            c.UseTimeZone(zone.Id);
        }, cancellationToken);
    }

    /// <summary>Applies a change the domain may refuse; a refusal is shown in words, and nothing is saved.</summary>
    private async Task<IActionResult> ChangeAsync(Guid consultationId, string action, Action<Consultation> change, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(consultationId, cancellationToken))
            return NotFound();
        try
        {
            change(Consultation);
        }
        catch (DomainException e)
        {
            ScheduleProblem = e.Message switch
            {
                "A consultation must close after it opens." => s["The closing time must be after the opening time."],
                Consultation.DeadlineMessages.NoReopenDeadline => s.Explain(e),
                _ => s["This change is not possible while the consultation is {0}.", Labels.Status(s, Consultation.Status)],
            };
            // A refused open or close shows the stored times; a refused schedule keeps what the organiser typed.
            if (action != AuditActions.ConsultationScheduled)
                ShowStoredSchedule();
            return Page();
        }
        audit.Record(action, "consultation", consultationId.ToString());
        if (!await db.TrySaveAsync(cancellationToken))
        {
            ScheduleProblem = s["Someone else changed this consultation at the same time. Check it below and try again."];
            await LoadAsync(consultationId, cancellationToken);
            ShowStoredSchedule();
            return Page();
        }
        return RedirectToPage(new { consultationId });
    }

    private async Task<bool> LoadAsync(Guid consultationId, CancellationToken cancellationToken)
    {
        var consultation = await db.Consultations.FirstOrDefaultAsync(c => c.Id == consultationId, cancellationToken);
        if (consultation is null)
            return false;
        Consultation = consultation;
        Title = (await ConsultationTitles.InAsync(db, [consultation], CultureInfo.CurrentUICulture.Name, cancellationToken))[consultation.Id];
        Team = (await (from m in db.ConsultationMembers
                       join u in db.Users on m.UserId equals u.Id
                       where m.ConsultationId == consultationId
                       orderby m.Role, u.Email
                       select new { u.Email, u.DisplayName, m.Role, m.Languages }).ToListAsync(cancellationToken))
            .Select(t => (t.Email ?? "", t.DisplayName, t.Role, (IReadOnlyList<string>)t.Languages)).ToList();
        Invitations = (await db.Invitations.Where(i => i.ConsultationId == consultationId)
                .GroupBy(i => i.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken))
            .OrderBy(g => g.Key).Select(g => (g.Key, g.Count)).ToList();
        OptedOut = await db.Invitations.CountAsync(i => i.ConsultationId == consultationId && i.HasOptedOut, cancellationToken);
        Submitted = await db.Responses.CountAsync(r => r.ConsultationId == consultationId && r.Status == ResponseStatus.Submitted && !r.IsTest, cancellationToken);
        TestResponses = await db.Responses.CountAsync(r => r.ConsultationId == consultationId && r.IsTest, cancellationToken);
        return true;
    }

    /// <summary>The time zones offered for the schedule: IANA names, UTC first.</summary>
    public static IReadOnlyList<string> TimeZones => ZonedTime.TimeZones;
}
