namespace Consultation.Web.Email;

using Consultation.Web.Data;
using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using MimeKit;

/// <summary>
/// Reads bounces that come back after the server accepted a message: a delivery status notification (RFC 3464), or a plain
/// bounce from a mail system, sent to a message's own return path (<see cref="ReturnPath"/>). A failed recipient marks the
/// outbox row failed and, for an invitation email, the invitation, with the bounce's reason. Anything else is ignored.
/// </summary>
public sealed class Bounces(ConsultationDbContext db, ReturnPath returnPath, ILogger<Bounces> logger)
{
    private const int MaxReasonLength = 500;

    /// <summary>What a bounce says: which message it is about, and why it failed (null when it did not: delayed, delivered, relayed).</summary>
    public sealed record Reading(Guid OutboxId, string? Failure);

    /// <summary>
    /// Acts on one received message, addressed to <paramref name="recipients"/> (the envelope's, or its headers' when the
    /// envelope is gone), and saves. Returns whether a message was marked failed; the same bounce twice marks it once.
    /// </summary>
    public async Task<bool> ProcessAsync(MimeMessage message, IEnumerable<string> recipients, CancellationToken cancellationToken)
    {
        // Logged without addresses or tokens: a return path names its message, and so its person.
        if (Read(message, recipients) is not { } reading)
        {
            logger.LogInformation("A message to the bounce address is not a bounce of ours; ignored.");
            return false;
        }
        if (reading.Failure is null)
        {
            logger.LogInformation("A delivery status notification reports no failure (delayed, delivered or relayed); ignored.");
            return false;
        }
        var email = await db.OutboundEmails.FirstOrDefaultAsync(e => e.Id == reading.OutboxId, cancellationToken);
        if (email is null)
        {
            logger.LogInformation("A bounce names no message in the outbox; ignored.");
            return false;
        }
        if (!email.Bounced(reading.Failure))
            return false;
        if (email.InvitationId is { } invitationId
            && await db.Invitations.FirstOrDefaultAsync(i => i.Id == invitationId, cancellationToken) is { } invitation
            // A later email to the same invitation went through since: this bounce is about an older one.
            && !(invitation.SentAt > email.SentAt))
            invitation.DeliveryFailed(email.LastError!);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("A bounce marked a {Kind} email failed.", email.Kind);
        return true;
    }

    /// <summary>
    /// The message's meaning as a bounce of ours, or null when it is none: no recipient is one of our return paths, or it is
    /// neither a delivery status notification nor a plain bounce from a mail system.
    /// </summary>
    public Reading? Read(MimeMessage message, IEnumerable<string> recipients)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(recipients);
        var outboxId = recipients.Select(returnPath.OutboxIdIn).FirstOrDefault(id => id is not null);
        if (outboxId is not { } id)
            return null;
        if (message.BodyParts.OfType<MessageDeliveryStatus>().FirstOrDefault() is { } report)
            return RecipientFields(report) is { Count: > 0 } fields ? new Reading(id, Failure(fields)) : null;
        return IsFromAMailSystem(message) && PlainText(message) is { } text ? new Reading(id, $"The message bounced: {text}") : null;
    }

    /// <summary>The report's per-recipient groups of fields (the first group is about the report itself); null when unreadable.</summary>
    private static List<HeaderList>? RecipientFields(MessageDeliveryStatus report)
    {
        try
        {
            return [.. report.StatusGroups.Skip(1)];
        }
        catch (ParseException)
        {
            return null;
        }
    }

    /// <summary>
    /// The reason of the first recipient whose action is "failed"; null when none failed: "delayed" is only news (a later
    /// report says how it ended), and "delivered", "relayed" and "expanded" are not failures.
    /// </summary>
    private static string? Failure(List<HeaderList> recipients)
    {
        var failed = recipients.FirstOrDefault(g => string.Equals(g["Action"]?.Trim(), "failed", StringComparison.OrdinalIgnoreCase));
        if (failed is null)
            return null;
        var reason = string.Join(' ', new[] { failed["Status"], failed["Diagnostic-Code"] }
            .Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => OneLine(v!)));
        return Shorten($"The message bounced: {(reason.Length > 0 ? reason : "failed")}");
    }

    /// <summary>
    /// A bounce that is no report comes from the mail system's own address (MAILER-DAEMON, postmaster). Anything else sent to
    /// a return path, an out-of-office reply above all, is not a bounce and must not fail an invitation.
    /// </summary>
    private static bool IsFromAMailSystem(MimeMessage message) =>
        message.From.Mailboxes.Any(m => m.LocalPart.Equals("mailer-daemon", StringComparison.OrdinalIgnoreCase)
            || m.LocalPart.Equals("postmaster", StringComparison.OrdinalIgnoreCase));

    private static string? PlainText(MimeMessage message)
    {
        var text = message.TextBody;
        return string.IsNullOrWhiteSpace(text) ? null : Shorten(OneLine(text));
    }

    private static string OneLine(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string Shorten(string text) => text.Length > MaxReasonLength ? text[..MaxReasonLength] : text;
}
