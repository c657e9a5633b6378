namespace Consultation.Web.Localization;

using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Infrastructure;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;

/// <summary>On a personal link (<c>/r/{token}</c>), the invitation's language comes before the browser's.</summary>
public sealed class InvitationLanguageProvider : RequestCultureProvider
{
    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        if (RespondentPath.Token(httpContext.Request.Path) is not { } token || InvitationToken.Hash(token) is not { } hash)
            return null;
        var db = httpContext.RequestServices.GetRequiredService<ConsultationDbContext>();
        var found = await db.Invitations.SelectMany(i => i.Links.Where(l => l.TokenHash == hash).Select(l => new { i.Language, l.KeyId }))
            .FirstOrDefaultAsync(httpContext.RequestAborted);
        // A link whose key was removed is as unknown as one never issued, in the browser's language like any other (ADR 0018).
        return found is null || !httpContext.RequestServices.GetRequiredService<InvitationLinks>().Opens(found.KeyId)
            ? null : new ProviderCultureResult(found.Language);
    }
}

/// <summary>Last in line on a public link (<c>/c/{slug}</c>): the consultation's default language.</summary>
public sealed class ConsultationLanguageProvider : RequestCultureProvider
{
    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        if (RespondentPath.Slug(httpContext.Request.Path) is not { } slug)
            return null;
        var db = httpContext.RequestServices.GetRequiredService<ConsultationDbContext>();
        var language = await db.Consultations.Where(c => c.Slug == slug).Select(c => c.DefaultLanguage)
            .FirstOrDefaultAsync(httpContext.RequestAborted);
        return language is null ? null : new ProviderCultureResult(language);
    }
}

/// <summary>Reads the respondent routes' first segment without waiting for routing.</summary>
public static class RespondentPath
{
    public static string? Token(PathString path) => Segment(path, "r");

    public static string? Slug(PathString path) => Segment(path, "c");

    private static string? Segment(PathString path, string area)
    {
        var parts = (path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 && parts[0] == area && parts[1].Length <= 100 ? parts[1] : null;
    }
}
