namespace Consultation.Web.Email;

using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Text.RegularExpressions;
using Consultation.Web.Domain;
using Consultation.Web.Localization;
using Microsoft.Extensions.Localization;

/// <summary>Who an email is for: the name it greets, the language they read, and the time zone their deadline is written in.</summary>
public sealed record EmailRecipient(string Name, string Language, string? TimeZone);

/// <summary>The addresses an email carries: the person's own link, and the ways to decline this consultation or all emails.</summary>
public sealed record EmailLinks(string Personal, string OptOut, string Decline);

/// <summary>
/// An email ready to queue: exactly what the recipient will read. <see cref="Language"/> is the wording's (the default
/// language's when <see cref="Fallback"/> says the recipient's had none).
/// </summary>
public sealed record RenderedEmail(EmailKind Kind, string Language, string Subject, string TextBody, string HtmlBody,
    string? ReplyTo, string UnsubscribeUrl, EmailFallback Fallback)
{
    public OutboundEmail Queue(string idempotencyKey, string recipient, DateTimeOffset now) =>
        OutboundEmail.Queue(idempotencyKey, Kind, recipient, Language, Subject, TextBody, HtmlBody, carriesAnswers: false, now)
            .WithHeaders(ReplyTo, OneClickUnsubscribeUrl);

    /// <summary>The address offered as List-Unsubscribe: mail clients post to it without asking (<see cref="OutboundEmail.IsOneClickAddress"/>).</summary>
    public string? OneClickUnsubscribeUrl => OutboundEmail.IsOneClickAddress(UnsubscribeUrl) ? UnsubscribeUrl : null;
}

/// <summary>
/// Renders an email the organisers worded (an invitation; reminders next) for one recipient: their language's wording
/// or the default language's with a sentence saying why, placeholders filled, and a footer with the decline and opt-out
/// links that no wording can lose. Everything typed is HTML-encoded; links become anchors.
/// </summary>
public static partial class ConsultationEmail
{
    // Names and wordings in any script stay readable in the HTML source; markup characters are still encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static RenderedEmail Render(EmailKind kind, Consultation consultation, EmailRecipient recipient, EmailLinks links,
        IStringLocalizer s)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(links);
        var choice = consultation.ChooseEmail(kind, recipient.Language);
        var language = choice.Language;
        // The platform speaks to the recipient in their language (the notice, the footer); the wording stays in its own.
        string? notice;
        string[] footer;
        string noDeadline;
        using (CultureScope.ForRespondent(recipient.Language))
        {
            var wordingName = LanguageName(language);
            var readerName = LanguageName(recipient.Language);
            notice = choice.Fallback switch
            {
                EmailFallback.NotTranslated => s["This email is in {0}: it has not been translated into {1} yet.", wordingName, readerName].Value,
                EmailFallback.NotOffered => s["This email is in {0}: this consultation is not offered in {1}.", wordingName, readerName].Value,
                _ => null,
            };
            footer =
            [
                .. consultation.ContactEmail is null ? Array.Empty<string>() : [s["You can reply to this email: your reply goes to the organisers."].Value],
                s["If you do not wish to take part in this consultation, you can decline here: {0}", Marker(EmailTexts.DeclineLink)].Value,
                s["To receive no more emails about this consultation: {0}", Marker(EmailTexts.OptOutLink)].Value,
            ];
        }
        using (CultureScope.ForRespondentInOwnFormats(language))
            noDeadline = s["the closing date (not set yet)"].Value;

        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [EmailTexts.Name] = OneLine(recipient.Name),
            [EmailTexts.Title] = OneLine(consultation.TitleIn(language)),
            [EmailTexts.Link] = links.Personal,
            [EmailTexts.OptOutLink] = links.OptOut,
            [EmailTexts.DeclineLink] = links.Decline,
            [EmailTexts.Deadline] = consultation.ClosesAt is { } closes
                ? Deadline(closes, recipient.TimeZone ?? consultation.TimeZone, language)
                : noDeadline,
        };

        var subject = string.Concat(EmailTexts.Parts(choice.Wording.Subject).Select(p => p.IsPlaceholder ? OneLine(values[p.Placeholder!]) : p.Text));
        var text = new StringBuilder();
        if (notice is not null)
            text.Append(notice).Append("\n\n");
        text.Append(string.Concat(EmailTexts.Parts(choice.Wording.Body).Select(p => p.IsPlaceholder ? values[p.Placeholder!] : p.Text)));
        text.Append("\n\n-- \n");
        foreach (var line in footer)
            text.Append(FillMarkers(line, values, html: false)).Append('\n');

        var h = Encoder;
        var dir = UiLanguages.IsRightToLeft(language) ? "rtl" : "ltr";
        var readerDir = UiLanguages.IsRightToLeft(recipient.Language) ? "rtl" : "ltr";
        var body = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html><html lang=\"{h.Encode(language)}\" dir=\"{dir}\"><head><meta charset=\"utf-8\"><title>{h.Encode(subject)}</title></head><body>");
        if (notice is not null)
            body.Append(CultureInfo.InvariantCulture, $"<p lang=\"{h.Encode(recipient.Language)}\" dir=\"{readerDir}\"><em>{h.Encode(notice)}</em></p>");
        foreach (var paragraph in Paragraphs().Split(choice.Wording.Body.Trim()))
        {
            body.Append("<p>");
            foreach (var part in EmailTexts.Parts(paragraph))
                body.Append(part.IsPlaceholder ? Html(part.Placeholder!, values) : h.Encode(part.Text).Replace("\n", "<br>", StringComparison.Ordinal));
            body.Append("</p>");
        }
        body.Append(CultureInfo.InvariantCulture, $"<hr><div lang=\"{h.Encode(recipient.Language)}\" dir=\"{readerDir}\">");
        foreach (var line in footer)
            body.Append("<p><small>").Append(FillMarkers(line, values, html: true)).Append("</small></p>");
        body.Append("</div></body></html>");

        return new RenderedEmail(kind, language, subject, text.ToString(), body.ToString(), consultation.ContactEmail, links.OptOut, choice.Fallback);
    }

    /// <summary>The deadline as the wording's language writes a date, in the recipient's time zone, with the zone's name.</summary>
    public static string Deadline(DateTimeOffset closes, string? timeZone, string language)
    {
        var moment = ZonedMoment.In(closes, timeZone, language);
        return $"{moment.LocalText} ({moment.TimeZone})";
    }

    private static string Html(string placeholder, Dictionary<string, string> values)
    {
        var value = Encoder.Encode(values[placeholder]);
        return EmailTexts.IsLink(placeholder) ? $"<a href=\"{value}\">{value}</a>" : value;
    }

    // The footer's sentences come from the resources with a marker where the link goes, so the link is encoded and anchored once.
    private static string Marker(string placeholder) => "\u0001" + placeholder + "\u0001";

    private static string FillMarkers(string line, Dictionary<string, string> values, bool html)
    {
        var parts = line.Split('\u0001');
        var result = new StringBuilder();
        for (var i = 0; i < parts.Length; i++)
        {
            if (i % 2 == 1 && values.ContainsKey(parts[i]))
                result.Append(html ? Html(parts[i], values) : values[parts[i]]);
            else
                result.Append(html ? Encoder.Encode(parts[i]) : parts[i]);
        }
        return result.ToString();
    }

    private static string LanguageName(string tag)
    {
        try
        {
            return CultureInfo.GetCultureInfo(tag).DisplayName;
        }
        catch (CultureNotFoundException)
        {
            return tag;
        }
    }

    // A name or title with a line break would break a subject line (and a greeting): it is read as one line.
    private static string OneLine(string value) => LineBreaks().Replace(value.Trim(), " ");

    [GeneratedRegex(@"\n[ \t]*\n\s*")]
    private static partial Regex Paragraphs();

    [GeneratedRegex(@"[\r\n\u0085\u2028\u2029]+")]
    private static partial Regex LineBreaks();
}
