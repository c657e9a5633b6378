namespace Consultation.Web.Pages.Admin;

using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Email;
using Consultation.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

/// <summary>Every email the app queued and what became of it; in the demo, also what the SMTP server received.</summary>
public sealed class MailboxModel(ConsultationDbContext db, DeliveryPause pause, Outbox outbox, TimeProvider time, IServiceProvider services) : PageModel
{
    public const int PageSize = 200;

    public IReadOnlyList<OutboundEmail> Outbox { get; private set; } = [];
    public IReadOnlyList<ReceivedEmail> Received { get; private set; } = [];
    public DeliveryPause.Paused? Paused { get; private set; }
    public bool InProcessServer => services.GetService<InProcessSmtpServer>() is not null;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Paused = await pause.GetAsync(cancellationToken);
        Outbox = await db.OutboundEmails.OrderByDescending(e => e.CreatedAt).Take(PageSize).AsNoTracking().ToListAsync(cancellationToken);
        Received = await db.ReceivedEmails.OrderByDescending(e => e.ReceivedAt).Take(50).AsNoTracking().ToListAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostResumeAsync(CancellationToken cancellationToken)
    {
        await pause.ResumeAsync(cancellationToken);
        db.AuditEvents.Add(AuditEvent.Record(AuditActions.EmailDeliveryResumed, User.Identity?.Name ?? "", null,
            HttpContext.RemoteAddress(), time.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        outbox.DeliverSoon();
        return RedirectToPage();
    }
}
