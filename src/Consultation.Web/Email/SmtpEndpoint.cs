namespace Consultation.Web.Email;

using Microsoft.Extensions.Options;

/// <summary>Where mail goes: the configured SMTP server, or the in-process one when none is configured.</summary>
/// <param name="inProcess">The in-process server, registered only when it runs (see <see cref="EmailSetup"/>).</param>
public sealed class SmtpEndpoint(IOptions<EmailOptions> options, InProcessSmtpServer? inProcess = null)
{
    /// <summary>Null when no server is configured and the in-process one is off: messages then wait in the outbox.</summary>
    public SmtpOptions? Current
    {
        get
        {
            var configured = options.Value.Smtp;
            if (!string.IsNullOrWhiteSpace(configured.Host))
                return configured;
            return inProcess is not null
                ? new SmtpOptions { Host = "127.0.0.1", Port = inProcess.Port, Security = SmtpSecurity.None }
                : null;
        }
    }
}
