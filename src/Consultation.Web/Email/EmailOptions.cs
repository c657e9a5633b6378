namespace Consultation.Web.Email;

public enum SmtpSecurity { None, StartTls, SslOnConnect }

/// <summary>Email settings (section "Email"). With no SMTP host the app runs its own SMTP server and keeps what it receives.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    public string From { get; set; } = "Consultation <no-reply@consultation.example>";
    public SmtpOptions Smtp { get; set; } = new();

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
