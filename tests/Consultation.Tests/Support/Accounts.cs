namespace Consultation.Tests.Support;

using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;

/// <summary>Invites people through the admin's users page and reads the link their email carries.</summary>
public static partial class Accounts
{
    public const string UsersPath = "/admin/users";

    public static async Task<HttpResponseMessage> InviteAsync(this HttpClient admin, IDictionary<string, string[]> fields, IHtmlDocument? page = null)
    {
        var document = page ?? await admin.GetPageAsync(UsersPath);
        return await admin.SubmitAsync(document, fields, "#invite", pagePath: UsersPath);
    }

    public static Dictionary<string, string[]> Invitation(string email, string language, params string[] roles) => new()
    {
        ["Invite.Email"] = [email],
        ["Invite.Name"] = ["Invited Person"],
        ["Invite.Roles"] = roles.Length == 0 ? [StaffRoles.Analyst] : roles,
        ["Invite.Language"] = [language],
    };

    /// <summary>Invites <paramref name="email"/> and returns the path and query of the set-password link in the email.</summary>
    public static async Task<string> InviteAndGetLinkAsync(this AppFactory app, HttpClient admin, string email, string language = "en")
    {
        await ResponseAssert.RedirectsTo($"{UsersPath}?invited={email}", await admin.InviteAsync(Invitation(email, language)));
        return await LinkSentToAsync(app, email);
    }

    public static async Task<string> LinkSentToAsync(AppFactory app, string email)
    {
        var body = await app.WithDbAsync(db => db.OutboundEmails.Where(e => e.Recipient == email && e.Kind == EmailKind.AccountInvitation)
            .Select(e => e.TextBody!).SingleAsync());
        var link = new Uri(SetPasswordLink().Match(body).Value);
        return link.PathAndQuery;
    }

    [GeneratedRegex(@"https?://\S+/account/set-password\?\S+")]
    private static partial Regex SetPasswordLink();
}
