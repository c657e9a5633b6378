namespace Consultation.Web.Localization;

using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;

/// <summary>
/// A signed-in person's interface language lives with their account, so it follows them to any device: this middleware
/// stores a language picked with <c>?lang=</c> on the account of the person signed in.
/// </summary>
public sealed class AccountLanguage(RequestDelegate next)
{
    /// <summary>Whether a signed-in person picked a language; the pipeline runs this middleware only then, so other requests build no account services.</summary>
    public static bool IsPicked(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true && Picked(context) is not null;

    public async Task InvokeAsync(HttpContext context, UserManager<StaffUser> users, ConsultationDbContext db, TimeProvider time)
    {
        if (Picked(context) is { } chosen && await users.GetUserAsync(context.User) is { } user && user.InterfaceLanguage != chosen)
        {
            user.InterfaceLanguage = chosen;
            await users.UpdateAsync(user);
            db.AuditEvents.Add(AuditEvent.Record(AuditActions.LanguageChanged, user.Email ?? "", user.Id, context.RemoteAddress(),
                time.GetUtcNow(), "user", user.Id.ToString()));
            await db.SaveChangesAsync(context.RequestAborted);
        }
        await next(context);
    }

    private static string? Picked(HttpContext context) =>
        UiLanguages.Normalise(context.Request.Query[LanguageChoice.QueryKey].FirstOrDefault()) is { } chosen && UiLanguages.Supported.Contains(chosen)
            ? chosen
            : null;
}
