namespace Consultation.Web.Email;

public enum SmtpSecurity { None, StartTls, SslOnConnect }

/// <summary>Email settings (section "Email"). With no SMTP host the app runs its own SMTP server and keeps what it receives.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    public string From { get; set; } = "Consultation <no-reply@consultation.example>";
    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>
    /// Where bounces go, e.g. bounces@consult.example.org: each message is sent with its own return path under it
    /// (bounces+{token}@…), so a later bounce names its message. None: the envelope sender is <see cref="From"/>, and only
    /// refusals at sending are seen (the demo's own server uses one on the From domain).
    /// </summary>
    public string? BounceAddress { get; set; }

    public BouncesOptions Bounces { get; set; } = new();

    /// <summary>Runs the in-process SMTP server; by default when no host is set, except in tests, which start their own.</summary>
    public bool? InProcessServer { get; set; }
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public SmtpSecurity Security { get; set; } = SmtpSecurity.None;
    public string? Username { get; set; }
    public string? Password { get; set; }
}

/// <summary>Where production reads the bounces sent to <see cref="EmailOptions.BounceAddress"/> (section "Email:Bounces").</summary>
public sealed class BouncesOptions
{
    public MailboxOptions Imap { get; set; } = new();
}

/// <summary>An IMAP mailbox; its unseen messages in INBOX are read and then marked seen.</summary>
public sealed class MailboxOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 993;
    public SmtpSecurity Security { get; set; } = SmtpSecurity.SslOnConnect;
    public string? Username { get; set; }
    public string? Password { get; set; }
}
