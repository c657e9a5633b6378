using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace Consultation.Web.Localization;

/// <summary>A signed-in person's interface language lives with their account, so it follows them to any device.</summary>
public static class AccountLanguage
{
    /// <summary>Stores a language picked with <c>?lang=</c> on the account of the person signed in.</summary>
    public static async Task RememberChoiceAsync(HttpContext context, Func<Task> next)
    {
        if (context.User.Identity?.IsAuthenticated == true
            && UiLanguages.Normalise(context.Request.Query[LanguageChoice.QueryKey].FirstOrDefault()) is { } chosen
            && UiLanguages.Supported.Contains(chosen))
        {
            var users = context.RequestServices.GetRequiredService<UserManager<StaffUser>>();
            if (await users.GetUserAsync(context.User) is { } user && user.InterfaceLanguage != chosen)
            {
                user.InterfaceLanguage = chosen;
                await users.UpdateAsync(user);
                var db = context.RequestServices.GetRequiredService<ConsultationDbContext>();
                var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
                db.AuditEvents.Add(AuditEvent.Record(AuditActions.LanguageChanged, user.Email ?? "", user.Id, context.RemoteAddress(), now, "user", user.Id.ToString()));
                await db.SaveChangesAsync(context.RequestAborted);
            }
        }
        await next();
    }
}
