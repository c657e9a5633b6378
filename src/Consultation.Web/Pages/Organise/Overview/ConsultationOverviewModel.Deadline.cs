namespace Consultation.Web.Pages.Organise.Overview;

using System.Globalization;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Localization;
using Microsoft.AspNetCore.Mvc;

/// <summary>
/// The overview's deadline forms: extending an open or scheduled consultation's closing time, and reopening a
/// closed one until a new closing time. Both take one local time in the consultation's own time zone.
/// </summary>
public sealed partial class ConsultationOverviewModel
{
    [BindProperty]
    public DeadlineInput Deadline { get; set; } = new();

    public sealed class DeadlineInput
    {
        /// <summary>The new closing time, local to the consultation's time zone.</summary>
        public DateTime? ClosesAt { get; set; }
    }

    public Task<IActionResult> OnPostExtendAsync([FromRoute] Guid consultationId, CancellationToken cancellationToken) =>
        ChangeDeadlineAsync(consultationId, AuditActions.DeadlineExtended, (c, closesAt, now) => c.ExtendDeadline(closesAt, now), cancellationToken);

    public Task<IActionResult> OnPostReopenAsync([FromRoute] Guid consultationId, CancellationToken cancellationToken) =>
        ChangeDeadlineAsync(consultationId, AuditActions.ConsultationReopened, (c, closesAt, now) => c.Reopen(closesAt, now), cancellationToken);

    /// <summary>
    /// Reads the new closing time in the consultation's time zone and applies the change; a refusal is shown at the
    /// field in words, with what was typed kept, and nothing is saved.
    /// </summary>
    private async Task<IActionResult> ChangeDeadlineAsync(Guid consultationId, string action,
        Action<Consultation, DateTimeOffset, DateTimeOffset> change, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(consultationId, cancellationToken))
            return NotFound();
        ShowStoredSchedule();
        const string field = "Deadline.ClosesAt";
        if (ModelState[field] is { Errors.Count: > 0 } unreadable)
        {
            unreadable.Errors.Clear();
            return Refused(s["Enter the new closing time as a date and a time."]);
        }
        if (Deadline.ClosesAt is null)
            return Refused(s["Enter the new closing time."]);
        var zone = ZonedTime.Find(Consultation.TimeZone) ?? TimeZoneInfo.Utc;
        if (ZonedTime.IsSkipped(Deadline.ClosesAt, zone))
            return Refused(s["That time does not exist in this time zone (the clocks change then). Choose another time."]);
        try
        {
            change(Consultation, ZonedTime.ToUtc(Deadline.ClosesAt, zone)!.Value, time.GetUtcNow());
        }
        catch (DomainException e)
        {
            return Refused(s.Explain(e));
        }
        audit.Record(action, "consultation", consultationId.ToString());
        if (!await db.TrySaveAsync(cancellationToken))
        {
            // The scheduled job (or another organiser) changed it meanwhile, say by closing it: decide again on what it is now.
            await LoadAsync(consultationId, cancellationToken);
            ShowStoredSchedule();
            return Refused(s["Someone else changed this consultation at the same time. Check it below and try again."]);
        }
        return RedirectToPage(new { consultationId });

        IActionResult Refused(string problem)
        {
            ModelState.AddModelError(field, problem);
            return Page();
        }
    }

    /// <summary>Why the last extension or reopening was refused, in words.</summary>
    public string? DeadlineProblem => ModelState["Deadline.ClosesAt"]?.Errors.FirstOrDefault()?.ErrorMessage;

    /// <summary>The closing time as the organiser reads it: local, with the time zone named.</summary>
    public string? ClosingTimeInWords => Consultation.ClosesAt is { } closes && ZonedTime.Find(Consultation.TimeZone) is { } zone
        ? s["{0} ({1})", ZonedTime.ToLocal(closes, zone)!.Value.ToString("f", CultureInfo.CurrentCulture), Consultation.TimeZone].Value
        : null;
}
