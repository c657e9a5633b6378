namespace Consultation.Web.Email;

using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Consultation.Web.Domain;
using Consultation.Web.Localization;
using Microsoft.Extensions.Localization;

/// <summary>
/// The receipt a stakeholder gets after submitting through a personal link, in the language they answered
/// in: a copy of their answers, or, in an anonymous consultation, only the confirmation.
/// </summary>
public static class ReceiptEmail
{
    public static OutboundEmail Build(QuestionnaireSnapshot snapshot, Invitation invitation, string recipient, AnswerSet answers,
        string language, string? personalLink, IStringLocalizer s, DateTimeOffset now, int revision = 1)
    {
        // Built in the respondent's language whatever the request's; synchronous, so the culture cannot leak.
        using (CultureScope.ForRespondentInOwnFormats(language))
        {
            var title = snapshot.Text(language, ElementKey.Consultation, TextField.Title);
            var subject = s["Your response to “{0}”", title].Value;
            var intro = s["Thank you for answering “{0}”. Your response has been recorded.", title].Value;
            // Without the link when the job confirms an anonymous response later: only the respondent's request knew the token.
            var again = personalLink is null ? null : s["You can see this confirmation again from your personal link: {0}", personalLink].Value;
            var lines = snapshot.IsAnonymous ? [] : AnswerText.Lines(snapshot, snapshot.Questions, answers, language, s);
            var note = snapshot.IsAnonymous
                ? s["This consultation is anonymous: your answers are not linked to you, so they are not copied here."].Value
                : s["Your answers:"].Value;

            var text = new StringBuilder().AppendLine(intro).AppendLine().AppendLine(note);
            foreach (var (label, answer) in lines)
                text.AppendLine().AppendLine(label).AppendLine("  " + answer.Replace("\n", "\n  ", StringComparison.Ordinal));
            if (again is not null)
                text.AppendLine().AppendLine(again);

            var html = HtmlEncoder.Default;
            var dir = UiLanguages.IsRightToLeft(language) ? "rtl" : "ltr";
            var body = new StringBuilder()
                .Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html><html lang=\"{html.Encode(language)}\" dir=\"{dir}\"><head><meta charset=\"utf-8\"><title>{html.Encode(subject)}</title></head><body>")
                .Append(CultureInfo.InvariantCulture, $"<p>{html.Encode(intro)}</p><p>{html.Encode(note)}</p>");
            if (lines.Count > 0)
            {
                body.Append("<dl>");
                foreach (var (label, answer) in lines)
                    body.Append(CultureInfo.InvariantCulture, $"<dt><strong>{html.Encode(label)}</strong></dt><dd>{html.Encode(answer).Replace("\n", "<br>", StringComparison.Ordinal)}</dd>");
                body.Append("</dl>");
            }
            if (again is not null)
                body.Append(CultureInfo.InvariantCulture, $"<p>{html.Encode(again)}</p>");
            body.Append("</body></html>");

            return OutboundEmail.Queue(revision == 1 ? $"receipt:{invitation.Id}" : $"receipt:{invitation.Id}:{revision}", EmailKind.Receipt, recipient, language, subject,
                text.ToString(), body.ToString(), carriesAnswers: !snapshot.IsAnonymous, now);
        }
    }
}
