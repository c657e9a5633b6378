namespace Consultation.Web.Email;

using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Consultation.Web.Domain;
using Consultation.Web.Localization;
using Microsoft.Extensions.Localization;

/// <summary>
/// The link a public-link respondent asks for, to continue their answers on another day or device. It names no answer,
/// and its bodies (the link) are dropped once it is sent, so the outbox never keeps an address next to a way into a response.
/// </summary>
public static class ResumeLinkEmail
{
    public static OutboundEmail Build(QuestionnaireSnapshot snapshot, string recipient, string language, string resumeLink,
        IStringLocalizer s, DateTimeOffset now)
    {
        // Built in the respondent's language whatever the request's; synchronous, so the culture cannot leak.
        using (CultureScope.ForRespondent(language))
        {
            var title = snapshot.Text(language, ElementKey.Consultation, TextField.Title);
            var subject = s["Continue your answers to “{0}”", title].Value;
            var intro = s["Your answers to “{0}” are saved. Continue where you stopped with this link:", title].Value;
            var keep = s["Keep this link to yourself: anyone who has it can see and change your answers until the consultation closes."].Value;

            var text = new StringBuilder().AppendLine(intro).AppendLine(resumeLink).AppendLine().AppendLine(keep);
            var html = HtmlEncoder.Default;
            var dir = UiLanguages.IsRightToLeft(language) ? "rtl" : "ltr";
            var body = new StringBuilder()
                .Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html><html lang=\"{html.Encode(language)}\" dir=\"{dir}\"><head><meta charset=\"utf-8\"><title>{html.Encode(subject)}</title></head><body>")
                .Append(CultureInfo.InvariantCulture, $"<p>{html.Encode(intro)}<br><a href=\"{html.Encode(resumeLink)}\">{html.Encode(resumeLink)}</a></p>")
                .Append(CultureInfo.InvariantCulture, $"<p>{html.Encode(keep)}</p></body></html>");
            // A new key each time: asking again (a typo in the address) sends again.
            return OutboundEmail.Queue($"resume-link:{Guid.NewGuid()}", EmailKind.ResumeLink, recipient, language, subject,
                text.ToString(), body.ToString(), carriesAnswers: true, now);
        }
    }
}
