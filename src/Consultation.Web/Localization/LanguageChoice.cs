using Microsoft.AspNetCore.Localization;

namespace Consultation.Web.Localization;

/// <summary>
/// The language a person picked: from <c>?lang=</c> on the request, else the cookie that remembers
/// their last pick. The raw tag is kept even when the interface has no such language, because
/// survey content may still be offered in it.
/// </summary>
public static class LanguageChoice
{
    public const string QueryKey = "lang";
    public const string CookieName = "consultation.lang";

    public static string? Read(HttpContext context) =>
        UiLanguages.Normalise(context.Request.Query[QueryKey].FirstOrDefault())
        ?? UiLanguages.Normalise(context.Request.Cookies[CookieName]);

    public static void Remember(HttpContext context, string tag) =>
        context.Response.Cookies.Append(CookieName, tag, new CookieOptions
        {
            MaxAge = TimeSpan.FromDays(365),
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
        });

    /// <summary>Remembers a language chosen with <c>?lang=</c>, so that the next page keeps it.</summary>
    public static Task RememberFromQuery(HttpContext context, Func<Task> next)
    {
        if (UiLanguages.Normalise(context.Request.Query[QueryKey].FirstOrDefault()) is { } chosen
            && chosen != context.Request.Cookies[CookieName])
            Remember(context, chosen);
        return next();
    }
}

/// <summary>First in line: the language the person chose.</summary>
public sealed class ChosenLanguageProvider : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext) =>
        Task.FromResult(LanguageChoice.Read(httpContext) is { } tag ? new ProviderCultureResult(tag) : null);
}
