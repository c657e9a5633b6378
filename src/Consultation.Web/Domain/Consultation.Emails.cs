namespace Consultation.Web.Domain;

/// <summary>Why an email goes out in the default language rather than the recipient's.</summary>
public enum EmailFallback
{
    None,

    /// <summary>The consultation is offered in the recipient's language, but this email is not translated into it.</summary>
    NotTranslated,

    /// <summary>The consultation is not offered in the recipient's language at all.</summary>
    NotOffered,
}

/// <summary>The wording an email goes out with: in which language, and why that one when it is not the recipient's.</summary>
public sealed record EmailChoice(EmailWording Wording, string Language, EmailFallback Fallback);

/// <summary>
/// The emails a consultation sends, worded by its organisers per language in the same texts table as the questionnaire,
/// so the translation editor, its progress counts and its outdated marks cover them. They never block publishing.
/// </summary>
public sealed partial class Consultation
{
    /// <summary>The address replies to the consultation's emails go to; null sends them nowhere but the sender.</summary>
    public string? ContactEmail { get; private set; }

    public void UseContactEmail(string? address)
    {
        EnsureNotArchived();
        var value = string.IsNullOrWhiteSpace(address) ? null : address.Trim();
        if (value is not null && (value.Length > 320 || !MimeKit.MailboxAddress.TryParse(value, out var parsed)
            || parsed.Address != value || !value.Contains('@', StringComparison.Ordinal)))
            throw new DomainException("'{0}' is not an email address a mail server would accept.", value);
        ContactEmail = value;
    }

    /// <summary>The stored wording of an email in a language, when both its subject and body are written there.</summary>
    public EmailWording? EmailIn(EmailKind kind, string language)
    {
        var subject = TextIn(ElementKey.Email(kind), TextField.Subject, language)?.Text;
        var body = TextIn(ElementKey.Email(kind), TextField.Body, language)?.Text;
        return string.IsNullOrWhiteSpace(subject) || string.IsNullOrWhiteSpace(body) ? null : new EmailWording(subject, body);
    }

    /// <summary>Words an email in the default language; its translations become outdated when the wording changes.</summary>
    public void WordEmail(EmailKind kind, string? subject, string? body)
    {
        EnsureNotArchived();
        var (s, b) = (Normalise(subject), Normalise(body));
        foreach (var (field, text) in new[] { (TextField.Subject, s), (TextField.Body, b) })
        {
            EmailTexts.Check(field, text);
            if (text.Length > ContentLimits.For(field))
                throw new DomainException("This text must be {0} characters or fewer (it has {1})", ContentLimits.For(field), text.Length);
        }
        SetText(ElementKey.Email(kind), TextField.Subject, DefaultLanguage, s);
        SetText(ElementKey.Email(kind), TextField.Body, DefaultLanguage, b);
    }

    /// <summary>
    /// Gives an email the platform's default wording where it has none: in the default language always (the neutral
    /// interface language's wording when the interface does not speak it), and in each other offered language the
    /// interface speaks, as an up-to-date translation, while the default language still has the default wording. A
    /// wording an organiser or translator wrote is never replaced. Returns whether anything was added.
    /// </summary>
    /// <param name="forDefaultLanguage">The default wording for the default language.</param>
    /// <param name="inLanguage">The default wording in a language, or null when the interface does not speak it.</param>
    public bool AdoptEmailDefaults(EmailKind kind, EmailWording forDefaultLanguage, Func<string, EmailWording?> inLanguage)
    {
        ArgumentNullException.ThrowIfNull(forDefaultLanguage);
        ArgumentNullException.ThrowIfNull(inLanguage);
        if (IsArchived)
            return false;
        var key = ElementKey.Email(kind);
        var added = false;
        if (EmailIn(kind, DefaultLanguage) is null)
        {
            SetText(key, TextField.Subject, DefaultLanguage, forDefaultLanguage.Subject);
            SetText(key, TextField.Body, DefaultLanguage, forDefaultLanguage.Body);
            added = true;
        }
        // Only a translation of the default wording is a translation of what the default language says now.
        if (EmailIn(kind, DefaultLanguage) != forDefaultLanguage)
            return added;
        foreach (var language in OfferedLanguages.Where(l => l != DefaultLanguage))
        {
            if (inLanguage(language) is not { } wording)
                continue;
            foreach (var (field, text) in new[] { (TextField.Subject, wording.Subject), (TextField.Body, wording.Body) })
            {
                if (!string.IsNullOrWhiteSpace(TextIn(key, field, language)?.Text))
                    continue;
                SetText(key, field, language, text);
                added = true;
            }
        }
        return added;
    }

    /// <summary>
    /// The wording a recipient reading <paramref name="language"/> gets: theirs when it is offered and translated, the
    /// default language's otherwise, saying why. An outdated translation is still theirs, as on the questionnaire.
    /// </summary>
    public EmailChoice ChooseEmail(EmailKind kind, string language)
    {
        var defaults = EmailIn(kind, DefaultLanguage)
            ?? throw new InvalidOperationException($"The {kind} email has no wording in the default language: adopt the defaults first.");
        var offered = OfferedLanguages.FirstOrDefault(l => string.Equals(l, language, StringComparison.OrdinalIgnoreCase));
        if (offered is null)
            return new EmailChoice(defaults, DefaultLanguage, EmailFallback.NotOffered);
        return EmailIn(kind, offered) is { } wording
            ? new EmailChoice(wording, offered, EmailFallback.None)
            : new EmailChoice(defaults, DefaultLanguage, EmailFallback.NotTranslated);
    }

    /// <summary>The consultation's title in a language, or the default language's.</summary>
    public string TitleIn(string language) =>
        TextIn(ElementKey.Consultation, TextField.Title, language)?.Text is { Length: > 0 } title ? title
            : DefaultText(ElementKey.Consultation, TextField.Title) ?? "";

    private static string Normalise(string? text) => (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
}
