namespace Consultation.Web.Email;

using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Consultation.Web.Domain;
using Consultation.Web.Localization;
using Microsoft.Extensions.Localization;

/// <summary>
/// The message a new staff account gets: who invited them, and a one-time link to set a password, in the
/// interface language the admin chose for them.
/// </summary>
public static class AccountInvitationEmail
{
    /// <summary>
    /// One message per invitation form: a second submission of the same form (a double click, a resent POST) finds
    /// the key taken and queues nothing.
    /// </summary>
    public static string Key(Guid inviteKey) => $"account-invitation:{inviteKey}";

    public static OutboundEmail Build(Guid inviteKey, string recipient, string language, string invitedBy, string setPasswordLink,
        TimeSpan lifespan, IStringLocalizer s, DateTimeOffset now)
    {
        // Built in the invitee's language whatever the admin's (an interface language serves itself); synchronous, so the culture cannot leak.
        using (CultureScope.ForRespondent(language))
        {
            var subject = s["You are invited to the consultation platform"].Value;
            var intro = s["{0} has created an account for you on the consultation platform, with the email address {1}.", invitedBy, recipient].Value;
            var action = s["Choose your password here (the link works once, for {0} days):", (int)lifespan.TotalDays].Value;
            var after = s["If you did not expect this message, you can ignore it: without a password, nobody can sign in to the account."].Value;

            var text = new StringBuilder().AppendLine(intro).AppendLine().AppendLine(action).AppendLine(setPasswordLink).AppendLine().AppendLine(after);

            var html = HtmlEncoder.Default;
            var dir = UiLanguages.IsRightToLeft(language) ? "rtl" : "ltr";
            var body = new StringBuilder()
                .Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html><html lang=\"{html.Encode(language)}\" dir=\"{dir}\"><head><meta charset=\"utf-8\"><title>{html.Encode(subject)}</title></head><body>")
                .Append(CultureInfo.InvariantCulture, $"<p>{html.Encode(intro)}</p><p>{html.Encode(action)}<br><a href=\"{html.Encode(setPasswordLink)}\">{html.Encode(setPasswordLink)}</a></p>")
                .Append(CultureInfo.InvariantCulture, $"<p>{html.Encode(after)}</p></body></html>");

            return OutboundEmail.Queue(Key(inviteKey), EmailKind.AccountInvitation, recipient, language, subject,
                text.ToString(), body.ToString(), carriesAnswers: false, now);
        }
    }
}
