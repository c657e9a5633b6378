namespace Consultation.Web.Email;

using System.Globalization;
using Microsoft.Extensions.Options;
using MimeKit;

/// <summary>
/// A return path per message (VERP): with a bounce address set, each message leaves with the envelope sender
/// bounces+{token}@domain, where the token is its outbox row's id. A bounce, sent to that address, then names its message
/// without any column to look it up by. Relays that rewrite the return path break this: their bounces match nothing.
/// </summary>
public sealed class ReturnPath
{
    public ReturnPath(IOptions<EmailOptions> options, InProcessSmtpServer? inProcess = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configured = options.Value.BounceAddress;
        // The demo's own server receives everything, bounces included: it gets one on the From domain, to show the path.
        if (string.IsNullOrWhiteSpace(configured) && inProcess is not null)
            configured = $"bounces@{MailboxAddress.Parse(options.Value.From).Domain}";
        if (string.IsNullOrWhiteSpace(configured))
            return;
        var address = MailboxAddress.Parse(configured);
        var at = address.Address.LastIndexOf('@');
        if (at <= 0 || address.Address.Contains('+', StringComparison.Ordinal))
            throw new InvalidOperationException("Email:BounceAddress must be a plain address such as bounces@consult.example.org.");
        LocalPart = address.Address[..at];
        Domain = address.Address[(at + 1)..];
    }

    /// <summary>The part before the @ of the bounce address; null when no bounce address is set.</summary>
    public string? LocalPart { get; }

    public string? Domain { get; }

    public bool IsOn => LocalPart is not null;

    /// <summary>What every return path of this app starts with ("bounces+"), to pick bounces out of other mail.</summary>
    public string? Prefix => IsOn ? $"{LocalPart}+" : null;

    /// <summary>
    /// The envelope sender for the outbox row <paramref name="outboxId"/>, or null (then the From address is used). The token
    /// is the id in lower-case hex: relays may change an address's case, and 40 characters stay well within the 64 a
    /// local part may have.
    /// </summary>
    public MailboxAddress? For(Guid outboxId) =>
        IsOn ? new MailboxAddress("", $"{LocalPart}+{outboxId.ToString("N", CultureInfo.InvariantCulture)}@{Domain}") : null;

    /// <summary>The outbox row an address of the form bounces+{token}@domain names, or null for any other address.</summary>
    public Guid? OutboxIdIn(string address)
    {
        if (!IsOn || string.IsNullOrWhiteSpace(address))
            return null;
        var at = address.LastIndexOf('@');
        if (at < 0 || !address[(at + 1)..].Trim().TrimEnd('>').Equals(Domain, StringComparison.OrdinalIgnoreCase))
            return null;
        var local = address[..at].Trim().TrimStart('<');
        if (!local.StartsWith(Prefix!, StringComparison.OrdinalIgnoreCase))
            return null;
        return Guid.TryParseExact(local[Prefix!.Length..], "N", out var id) ? id : null;
    }
}
