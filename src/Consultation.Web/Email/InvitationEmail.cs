namespace Consultation.Web.Email;

using Consultation.Web.Domain;
using Microsoft.Extensions.Localization;

/// <summary>
/// The invitation a stakeholder gets to a consultation, as its organisers worded it in the stakeholder's language (or
/// the default language's, saying why), with their personal link, the deadline in their time zone, and the ways to
/// decline or opt out. Replies go to the consultation's contact address.
/// </summary>
public static class InvitationEmail
{
    /// <summary>One invitation per invitation row: queueing it again (a resend job run twice) is a no-op.</summary>
    public static string Key(Guid invitationId) => $"invitation:{invitationId}";

    public static RenderedEmail Render(Consultation consultation, EmailRecipient recipient, EmailLinks links, IStringLocalizer s) =>
        ConsultationEmail.Render(EmailKind.Invitation, consultation, recipient, links, s);
}
