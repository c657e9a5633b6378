using System.Security.Claims;
using Consultation.Web.Data;
using Consultation.Web.Domain;

namespace Consultation.Web.Infrastructure;

/// <summary>Adds an audit event for the signed-in staff member to the request's unit of work; it is saved with the change it records.</summary>
public sealed class StaffAudit(ConsultationDbContext db, IHttpContextAccessor http, TimeProvider time)
{
    public void Record(string action, string objectType, string objectId)
    {
        var context = http.HttpContext;
        var user = context?.User;
        db.AuditEvents.Add(AuditEvent.Record(action, user?.Identity?.Name ?? "",
            Guid.TryParse(user?.FindFirstValue(ClaimTypes.NameIdentifier), out var userId) ? userId : null,
            context?.RemoteAddress(), time.GetUtcNow(), objectType, objectId));
    }
}
