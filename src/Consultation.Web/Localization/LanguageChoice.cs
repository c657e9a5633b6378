namespace Consultation.Web.Localization;

using Microsoft.AspNetCore.Localization;

/// <summary>
/// The language a person picked: from <c>?lang=</c> on the request, else the cookie that remembers
/// their last pick. The raw tag is kept even when the interface has no such language, because
/// survey content may still be offered in it.
/// </summary>
public static class LanguageChoice
{
    public const string QueryKey = "lang";
    public const string CookieName = "consultation.lang";

    /// <summary>The answer form's language buttons post this field, so a switch keeps what was typed.</summary>
    public const string SwitchField = "switchLanguage";

    private const string SwitchItem = "LanguageChoice.Switch";

    public static string? Read(HttpContext context) =>
        context.Items[SwitchItem] as string
        ?? UiLanguages.Normalise(context.Request.Query[QueryKey].FirstOrDefault())
        ?? UiLanguages.Normalise(context.Request.Cookies[CookieName]);

    /// <summary>
    /// Reads a language switch posted with a respondent's answers. It must be known before the page
    /// runs: a culture set inside an async page handler does not reach the view that renders after it.
    /// </summary>
    public static async Task ReadPostedSwitchAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method) || !request.HasFormContentType
            || (RespondentPath.Slug(request.Path) is null && RespondentPath.Token(request.Path) is null))
            return;
        Infrastructure.RespondentFormLimits.Apply(context);
        try
        {
            var form = await request.ReadFormAsync(context.RequestAborted);
            if (UiLanguages.Normalise(form[SwitchField].FirstOrDefault()) is { } chosen)
                context.Items[SwitchItem] = chosen;
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
        {
            // An oversized or malformed form: the page reports it; the language stays as it was.
        }
    }

    public static void Remember(HttpContext context, string tag) =>
        context.Response.Cookies.Append(CookieName, tag, new CookieOptions
        {
            MaxAge = TimeSpan.FromDays(365),
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps || context.RequestServices.GetRequiredService<Infrastructure.PublicLinks>().IsHttps,
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
    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        await LanguageChoice.ReadPostedSwitchAsync(httpContext);
        return LanguageChoice.Read(httpContext) is { } tag ? new ProviderCultureResult(tag) : null;
    }
}
