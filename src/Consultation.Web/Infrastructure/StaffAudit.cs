namespace Consultation.Web.Infrastructure;

using Consultation.Web.Data;
using Consultation.Web.Domain;

/// <summary>Adds an audit event for the signed-in staff member to the request's unit of work; it is saved with the change it records.</summary>
public sealed class StaffAudit(ConsultationDbContext db, IHttpContextAccessor http, TimeProvider time)
{
    /// <summary>
    /// Records the action. The consultation it belongs to is the one named in the page's route
    /// (<c>/organise/{consultationId}/…</c>) unless given, so every organiser page files its events under its consultation.
    /// </summary>
    public void Record(string action, string objectType, string objectId, Guid? consultationId = null)
    {
        var context = http.HttpContext;
        consultationId ??= Guid.TryParse(context?.GetRouteValue("consultationId") as string, out var routed) ? routed : null;
        var user = context?.User;
        db.AuditEvents.Add(AuditEvent.Record(action, user?.Identity?.Name ?? "",
            user?.StaffUserId(),
            context?.RemoteAddress(), time.GetUtcNow(), objectType, objectId, consultationId));
    }
}
