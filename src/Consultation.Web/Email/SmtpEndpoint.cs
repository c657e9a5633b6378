using Microsoft.Extensions.Options;

namespace Consultation.Web.Email;

/// <summary>Where mail goes: the configured SMTP server, or the in-process one when none is configured.</summary>
public sealed class SmtpEndpoint(IOptions<EmailOptions> options, IServiceProvider services)
{
    public SmtpOptions Current
    {
        get
        {
            var configured = options.Value.Smtp;
            if (!string.IsNullOrWhiteSpace(configured.Host))
                return configured;
            var inProcess = services.GetService<InProcessSmtpServer>()
                ?? throw new InvalidOperationException("No SMTP host is configured (Email:Smtp:Host) and the in-process server is off.");
            return new SmtpOptions { Host = "127.0.0.1", Port = inProcess.Port, Security = SmtpSecurity.None };
        }
    }
}
