namespace Consultation.Web.Domain;

/// <summary>How long the texts organisers write may be.</summary>
public static class ContentLimits
{
    /// <summary>Titles, labels, options and other one-line texts.</summary>
    public const int Title = 300;

    /// <summary>Landing, privacy notice, thank-you, help and other long texts.</summary>
    public const int LongText = 20_000;

    /// <summary>An email's subject: one line that a mail client shows whole.</summary>
    public const int EmailSubject = 200;

    /// <summary>An email's body: a letter, not a page.</summary>
    public const int EmailBody = 10_000;

    /// <summary>The limit of a field: titles and labels are one line, an email's subject and body have their own, everything else a long text.</summary>
    public static int For(TextField field) => field switch
    {
        TextField.Title or TextField.Label => Title,
        TextField.Subject => EmailSubject,
        TextField.Body => EmailBody,
        _ => LongText,
    };
}
