using System.Text.RegularExpressions;

namespace Consultation.Web.Domain;

/// <summary>An email's wording in one language, with its placeholders still in it.</summary>
public sealed record EmailWording(string Subject, string Body);

/// <summary>One stretch of a worded email: text as typed, or a placeholder to fill.</summary>
public sealed record EmailPart(string Text, string? Placeholder)
{
    public bool IsPlaceholder => Placeholder is not null;
}

/// <summary>
/// The emails organisers word themselves, per language, as content texts (<see cref="ElementKey.Email"/>), and the
/// placeholders they write in them. A placeholder is a name in braces, <c>{link}</c>: easy to type on any keyboard,
/// and what translators already keep in interface strings. Anything else in braces is refused rather than sent as
/// typed, so a translator who writes <c>{lien}</c> hears of it when saving, not from a recipient.
/// </summary>
public static partial class EmailTexts
{
    public const string Name = "name";
    public const string Title = "title";
    public const string Link = "link";
    public const string Deadline = "deadline";
    public const string OptOutLink = "opt_out_link";
    public const string DeclineLink = "decline_link";

    /// <summary>The messages of a refused wording; each is a key in the shared UI resources.</summary>
    public static class Messages
    {
        public const string Unknown = "{0} is not a placeholder. The placeholders are: {1}.";
        public const string Missing = "The placeholder {0} is missing: this text must contain it.";
        public const string SubjectOneLine = "The subject must be one line.";
        public const string Empty = "Write this text: an email cannot go without it.";
    }

    /// <summary>The emails worded by organisers. Reminders join by adding their kind and their default wording.</summary>
    public static IReadOnlyList<EmailKind> Kinds { get; } = [EmailKind.Invitation];

    public static IReadOnlyList<TextField> Fields { get; } = [TextField.Subject, TextField.Body];

    public static IReadOnlyList<string> Placeholders { get; } = [Name, Title, Link, Deadline, OptOutLink, DeclineLink];

    /// <summary>The placeholders whose values are addresses, shown as links.</summary>
    public static bool IsLink(string placeholder) => placeholder is Link or OptOutLink or DeclineLink;

    /// <summary>
    /// What a text must contain: the personal link in the body, or the email is useless. The opt-out and decline links
    /// are optional here because every email ends with them anyway (<c>Email/ConsultationEmail</c>).
    /// </summary>
    public static IReadOnlyList<string> RequiredIn(TextField field) => field == TextField.Body ? [Link] : [];

    /// <summary>The known placeholders a text uses, in order of first use, each once, without braces.</summary>
    public static IReadOnlyList<string> PlaceholdersIn(string? text) =>
        [.. Braced().Matches(text ?? "").Where(IsKnown).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal)];

    /// <summary>Refuses a wording with an unknown placeholder or without a required one, naming it; and a subject on several lines.</summary>
    public static void Check(TextField field, string text)
    {
        if (!Fields.Contains(field))
            throw new ArgumentOutOfRangeException(nameof(field), field, "Not a text of an email.");
        if (string.IsNullOrWhiteSpace(text))
            throw new DomainException(Messages.Empty);
        if (field == TextField.Subject && text.AsSpan().IndexOfAny('\r', '\n') >= 0)
            throw new DomainException(Messages.SubjectOneLine);
        if (Braced().Matches(text).FirstOrDefault(m => !IsKnown(m)) is { } unknown)
            throw new DomainException(Messages.Unknown, unknown.Value, string.Join(", ", Placeholders.Select(Braces)));
        var used = PlaceholdersIn(text);
        if (RequiredIn(field).FirstOrDefault(p => !used.Contains(p)) is { } missing)
            throw new DomainException(Messages.Missing, Braces(missing));
    }

    /// <summary>A checked text cut into what was typed and the placeholders to fill, in order.</summary>
    public static IReadOnlyList<EmailPart> Parts(string text)
    {
        var parts = new List<EmailPart>();
        var at = 0;
        foreach (Match match in Braced().Matches(text))
        {
            if (!IsKnown(match))
                continue;
            if (match.Index > at)
                parts.Add(new EmailPart(text[at..match.Index], null));
            parts.Add(new EmailPart(match.Value, match.Groups[1].Value));
            at = match.Index + match.Length;
        }
        if (at < text.Length)
            parts.Add(new EmailPart(text[at..], null));
        return parts;
    }

    public static string Braces(string placeholder) => "{" + placeholder + "}";

    // A known name in ASCII braces, exactly.
    private static bool IsKnown(Match match) =>
        match.Value[0] == '{' && match.Value[^1] == '}' && Placeholders.Contains(match.Groups[1].Value);

    // Whatever sits in one pair of braces on one line counts, so that "{Name}", "{ link }" or the full-width "｛name｝" a
    // Japanese or Korean input method types is refused by name, not sent as typed.
    [GeneratedRegex(@"[{｛]([^{}｛｝\r\n]{0,60})[}｝]")]
    private static partial Regex Braced();
}
