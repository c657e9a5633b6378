namespace Consultation.Web.Domain;

public enum EmailKind { Receipt, Invitation, Reminder, ExportReady, AccountInvitation, ResumeLink }

/// <summary>Where a message stands; <see cref="Cancelled"/>: not sent, because it may no longer go (the person opted out meanwhile).</summary>
public enum EmailStatus { Queued, Sending, Sent, Failed, Cancelled }

/// <summary>
/// A message in the outbox. The delivery job claims it, sends it and records the outcome; its idempotency
/// key makes a second queueing of the same message a no-op and gives the message its Message-ID.
/// </summary>
public sealed class OutboundEmail
{
    public const int MaxAttempts = 8;

    private OutboundEmail() { }

    public Guid Id { get; private set; }
    public string IdempotencyKey { get; private set; } = "";
    public EmailKind Kind { get; private set; }
    public string Recipient { get; private set; } = "";
    public string Language { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string? TextBody { get; private set; }
    public string? HtmlBody { get; private set; }

    /// <summary>A message that carries someone's answers: its bodies are dropped once it is sent.</summary>
    public bool CarriesAnswers { get; private set; }

    /// <summary>Where replies go (the consultation's contact address), when not to the sender.</summary>
    public string? ReplyTo { get; private set; }

    /// <summary>The https address that stops these emails in one request (RFC 8058), sent as List-Unsubscribe.</summary>
    public string? UnsubscribeUrl { get; private set; }

    /// <summary>
    /// The invitation this message is for, when it is rendered at delivery (invitations and reminders): the row then holds no
    /// subject, body or link, so no personal link is ever stored in the outbox (ADR 0018).
    /// </summary>
    public Guid? InvitationId { get; private set; }

    /// <summary>Whether the subject and bodies are written when the message is sent, from its invitation.</summary>
    public bool IsRenderedAtDelivery => InvitationId is not null;

    public EmailStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    public DateTimeOffset? ClaimedUntil { get; private set; }
    public string? LastError { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }

    public static OutboundEmail Queue(string idempotencyKey, EmailKind kind, string recipient, string language, string subject,
        string textBody, string htmlBody, bool carriesAnswers, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(recipient) || !MimeKit.MailboxAddress.TryParse(recipient, out var parsed)
            || parsed.Address != recipient.Trim() || !recipient.Contains('@', StringComparison.Ordinal))
            throw new DomainException("'{0}' is not an email address a mail server would accept.", recipient);
        return new OutboundEmail
        {
            Id = Guid.NewGuid(),
            IdempotencyKey = idempotencyKey,
            Kind = kind,
            Recipient = recipient,
            Language = language,
            Subject = subject,
            TextBody = textBody,
            HtmlBody = htmlBody,
            CarriesAnswers = carriesAnswers,
            Status = EmailStatus.Queued,
            NextAttemptAt = now,
            CreatedAt = now,
        };
    }

    /// <summary>
    /// A message to an invitation's person, rendered only when it is sent (<see cref="InvitationId"/>): the link it carries
    /// is derived (named) or issued fresh (anonymous) at that moment, and never written here.
    /// </summary>
    public static OutboundEmail QueueForInvitation(string idempotencyKey, EmailKind kind, Guid invitationId, string recipient,
        string language, DateTimeOffset now)
    {
        var email = Queue(idempotencyKey, kind, recipient, language, subject: "", textBody: "", htmlBody: "", carriesAnswers: false, now);
        email.InvitationId = invitationId;
        email.TextBody = null;
        email.HtmlBody = null;
        return email;
    }

    /// <summary>Sends replies to <paramref name="address"/> (none: to the sender) and offers a one-click way out at <paramref name="unsubscribeUrl"/>.</summary>
    public OutboundEmail WithHeaders(string? address, string? unsubscribeUrl)
    {
        if (address is not null && !MimeKit.MailboxAddress.TryParse(address, out _))
            throw new DomainException("'{0}' is not an email address a mail server would accept.", address);
        if (unsubscribeUrl is not null && !IsOneClickAddress(unsubscribeUrl))
            throw new ArgumentException("The unsubscribe address must be an absolute https URL.", nameof(unsubscribeUrl));
        ReplyTo = address;
        UnsubscribeUrl = unsubscribeUrl;
        return this;
    }

    /// <summary>Sent; a message rendered at delivery keeps the subject it went with (it names no link), for the outbox's list.</summary>
    /// <summary>
    /// Whether a mail client may be offered <paramref name="url"/> to post to without asking: an absolute https address
    /// (RFC 8058, section 3.1), or plain http on this machine's loopback (the demo's own mailbox), which nobody can overhear.
    /// </summary>
    public static bool IsOneClickAddress(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var address)
        && (address.Scheme == Uri.UriSchemeHttps || (address.Scheme == Uri.UriSchemeHttp && address.IsLoopback));

    public void Sent(DateTimeOffset now, string? renderedSubject = null)
    {
        Status = EmailStatus.Sent;
        if (renderedSubject is not null)
            Subject = renderedSubject.Length > 500 ? renderedSubject[..500] : renderedSubject;
        SentAt = now;
        ClaimedUntil = null;
        LastError = null;
        if (CarriesAnswers)
        {
            TextBody = null;
            HtmlBody = null;
        }
    }

    /// <summary>A failure that may pass (a 4xx, a dropped connection): try again later, up to <see cref="MaxAttempts"/>.</summary>
    public void FailedTransiently(string reason, DateTimeOffset now)
    {
        Attempts++;
        LastError = Shorten(reason);
        ClaimedUntil = null;
        if (Attempts >= MaxAttempts)
        {
            Status = EmailStatus.Failed;
            return;
        }
        Status = EmailStatus.Queued;
        // 30 s, 1 min, 2 min … capped at an hour.
        NextAttemptAt = now + TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, Attempts - 1)));
    }

    /// <summary>A refusal that will not pass (the server rejected this recipient): the message fails for good.</summary>
    public void FailedPermanently(string reason)
    {
        Attempts++;
        Status = EmailStatus.Failed;
        LastError = Shorten(reason);
        ClaimedUntil = null;
    }

    /// <summary>
    /// The server accepted the message but a bounce came back later (a delivery status notification): a sent message becomes
    /// failed with the bounce's reason. Returns whether anything changed: a second copy of the same bounce changes nothing,
    /// and a message not sent (queued, refused at sending, cancelled) keeps what it has.
    /// </summary>
    public bool Bounced(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (Status != EmailStatus.Sent)
            return false;
        Status = EmailStatus.Failed;
        LastError = Shorten(reason);
        return true;
    }

    private static string Shorten(string reason) => reason.Length > 1000 ? reason[..1000] : reason;

    /// <summary>The message may no longer go (its person opted out, declined or answered meanwhile): it is not sent, ever.</summary>
    public void Cancel(string reason)
    {
        Status = EmailStatus.Cancelled;
        LastError = Shorten(reason);
        ClaimedUntil = null;
    }

    /// <summary>Delivery was paused before this message was tried: it goes back to the queue untouched.</summary>
    public void Release()
    {
        Status = EmailStatus.Queued;
        ClaimedUntil = null;
    }
}

/// <summary>A message as the demo's in-process SMTP server received it, kept so every node's mailbox page shows it.</summary>
public sealed class ReceivedEmail
{
    private ReceivedEmail() { }

    public Guid Id { get; private set; }
    public DateTimeOffset ReceivedAt { get; private set; }
    public string? MessageId { get; private set; }
    public string From { get; private set; } = "";
    public string To { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string Raw { get; private set; } = "";

    public static ReceivedEmail Record(string? messageId, string from, string to, string subject, string raw, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        ReceivedAt = now,
        MessageId = messageId,
        From = from,
        To = to,
        Subject = subject,
        Raw = raw,
    };
}
