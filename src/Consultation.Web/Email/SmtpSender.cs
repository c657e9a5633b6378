namespace Consultation.Web.Email;

using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

/// <summary>
/// Sends a claimed batch of the outbox over SMTP and records each outcome as it happens, so that a sent message is
/// never sent again and one in flight at a crash goes again with the same Message-ID. A server that refuses us as a
/// whole pauses delivery; one that cannot be reached is tried again later.
/// </summary>
public sealed class SmtpSender(ConsultationDbContext db, SmtpEndpoint endpoint, DeliveryPause pause, InvitationDelivery invitations,
    ReturnPath returnPath, IOptions<EmailOptions> options, TimeProvider time, ILogger<SmtpSender> logger) : IDisposable
{
    internal static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);
    private const int SaveEvery = 25;

    // One connection for a whole delivery run, batch after batch: connecting, greeting and quitting for every batch of 20
    // cost more than sending them.
    private SmtpClient? _client;

    /// <summary>Whether there is somewhere to send to, and delivery is not paused.</summary>
    public async Task<bool> CanSendAsync(CancellationToken cancellationToken) =>
        endpoint.Current is not null && await pause.GetAsync(cancellationToken) is null;

    public async Task SendAsync(List<OutboundEmail> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (endpoint.Current is not { } smtp)
        {
            logger.LogWarning("No SMTP server is configured (Email:Smtp:Host): {Count} messages wait in the outbox.", batch.Count);
            batch.ForEach(e => e.Release());
            await db.SaveChangesAsync(cancellationToken);
            return;
        }
        if (await ConnectionAsync(batch, smtp, cancellationToken) is not { } client)
            return;
        await invitations.PrepareAsync(batch, cancellationToken);

        for (var i = 0; i < batch.Count; i++)
        {
            var email = batch[i];
            try
            {
                var rendered = email.IsRenderedAtDelivery ? await invitations.RenderAsync(email, cancellationToken) : null;
                if (email.Status == EmailStatus.Cancelled)
                    continue;
                var message = Message(email, rendered);
                // With a bounce address, the envelope sender names this message, so that a later bounce can (ReturnPath).
                if (returnPath.For(email.Id) is { } sender)
                    await client.SendAsync(message, sender, message.To.Mailboxes, cancellationToken);
                else
                    await client.SendAsync(message, cancellationToken);
                email.Sent(time.GetUtcNow(), rendered?.Subject);
            }
            catch (SmtpCommandException e) when (e.ErrorCode == SmtpErrorCode.RecipientNotAccepted && (int)e.StatusCode >= 500)
            {
                email.FailedPermanently($"The server refused the recipient: {(int)e.StatusCode} {e.Message}");
            }
            catch (SmtpCommandException e) when (e.ErrorCode == SmtpErrorCode.SenderNotAccepted && (int)e.StatusCode >= 500)
            {
                await PauseAsync(batch.Skip(i).ToList(), $"The SMTP server refused our sender address: {(int)e.StatusCode} {e.Message}", cancellationToken);
                Drop();
                return;
            }
            catch (SmtpCommandException e) when ((int)e.StatusCode is >= 400 and < 500)
            {
                email.FailedTransiently($"{(int)e.StatusCode} {e.Message}", time.GetUtcNow());
            }
            catch (SmtpCommandException e)
            {
                email.FailedPermanently($"The server refused the message: {(int)e.StatusCode} {e.Message}");
            }
            catch (ParseException e)
            {
                email.FailedPermanently($"The address cannot be sent to: {e.Message}");
            }
            catch (Exception e) when (IsTransient(e))
            {
                await RetryLaterAsync(batch.Skip(i).ToList(), $"The connection was lost: {e.Message}", cancellationToken);
                Drop();
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Anything else counts as an attempt, so that one bad message cannot hold the queue forever.
                logger.LogError(e, "Sending an email failed unexpectedly.");
                email.FailedTransiently($"Unexpected error: {e.Message}", time.GetUtcNow());
            }
            invitations.Record(email);
            // Recorded 25 at a time, and whatever is left at the end: each save costs about as much as sending ten messages
            // (invitation-delivery benchmark). A crash between two saves sends at most 25 again, with the same Message-ID.
            if ((i + 1) % SaveEvery == 0)
                await db.SaveChangesAsync(cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Says goodbye to the server at the end of a run; a server already gone is no concern.</summary>
    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        if (_client is { IsConnected: true } client)
        {
            try
            {
                await client.DisconnectAsync(quit: true, cancellationToken);
            }
            catch (Exception e) when (IsTransient(e))
            {
                logger.LogDebug("The SMTP server closed the connection first: {Reason}", e.Message);
            }
        }
        Drop();
    }

    public void Dispose() => Drop();

    private void Drop()
    {
        _client?.Dispose();
        _client = null;
    }

    /// <summary>The run's connection, made (and logged in) when there is none; null when the server cannot be had, the batch put back.</summary>
    private async Task<SmtpClient?> ConnectionAsync(List<OutboundEmail> batch, SmtpOptions smtp, CancellationToken cancellationToken)
    {
        if (_client is { IsConnected: true } open)
            return open;
        Drop();
        var client = new SmtpClient { Timeout = (int)CommandTimeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(await ConnectedSocketAsync(smtp, cancellationToken), smtp.Host!, smtp.Port, Security(smtp.Security), cancellationToken);
            if (!string.IsNullOrEmpty(smtp.Username))
                await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", cancellationToken);
            return _client = client;
        }
        catch (Exception e) when (IsServerRefusal(e))
        {
            client.Dispose();
            await PauseAsync(batch, $"The SMTP server {smtp.Host}:{smtp.Port} refused the connection: {e.Message}", cancellationToken);
        }
        catch (Exception e) when (IsTransient(e))
        {
            client.Dispose();
            await RetryLaterAsync(batch, $"Could not reach the SMTP server {smtp.Host}:{smtp.Port}: {e.Message}", cancellationToken);
        }
        return null;
    }

    /// <summary>The message as queued, or as <paramref name="rendered"/> now when the outbox keeps no words for it.</summary>
    private MimeMessage Message(OutboundEmail email, RenderedEmail? rendered)
    {
        var from = MailboxAddress.Parse(options.Value.From);
        var message = new MimeMessage { Subject = rendered?.Subject ?? email.Subject, MessageId = MessageId(email.IdempotencyKey, from.Domain) };
        message.From.Add(from);
        message.To.Add(MailboxAddress.Parse(email.Recipient));
        if ((rendered is null ? email.ReplyTo : rendered.ReplyTo) is { } replyTo)
            message.ReplyTo.Add(MailboxAddress.Parse(replyTo));
        if ((rendered is null ? email.UnsubscribeUrl : rendered.OneClickUnsubscribeUrl) is { } unsubscribe)
        {
            // RFC 2369 and RFC 8058: mail clients offer "unsubscribe" and post to the address, with no page to click through.
            message.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        message.Body = new BodyBuilder { TextBody = rendered?.TextBody ?? email.TextBody, HtmlBody = rendered?.HtmlBody ?? email.HtmlBody }.ToMessageBody();
        // A Content-* header belongs to the body in MIME: set it there, after the body exists.
        message.Body.Headers.Add(HeaderId.ContentLanguage, rendered?.Language ?? email.Language);
        return message;
    }

    /// <summary>Derived from the idempotency key, so a message sent again after a crash is recognisably the same one.</summary>
    public static string MessageId(string idempotencyKey, string domain) =>
        $"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..32]}@{domain}";

    private async Task PauseAsync(List<OutboundEmail> untried, string reason, CancellationToken cancellationToken)
    {
        logger.LogError("Email delivery paused: {Reason}", reason);
        untried.ForEach(e => e.Release());
        await db.SaveChangesAsync(cancellationToken);
        await pause.PauseAsync(reason, time.GetUtcNow(), cancellationToken);
    }

    private async Task RetryLaterAsync(List<OutboundEmail> untried, string reason, CancellationToken cancellationToken)
    {
        logger.LogWarning("Email delivery will be retried: {Reason}", reason);
        untried.ForEach(e => e.FailedTransiently(reason, time.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// A connection with Nagle's algorithm off: with it on, the last small write of each message (the closing dot) waits
    /// for the server's delayed ACK, 40 ms a message on Linux, which capped delivery at about 25 messages a second.
    /// </summary>
    private static async Task<Socket> ConnectedSocketAsync(SmtpOptions smtp, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(smtp.Host!, smtp.Port, cancellationToken);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static bool IsServerRefusal(Exception e) =>
        e is AuthenticationException || (e is SmtpCommandException command && (int)command.StatusCode >= 500);

    private static bool IsTransient(Exception e) =>
        e is SmtpCommandException or SmtpProtocolException or IOException or SocketException or ServiceNotConnectedException
            or TimeoutException;

    private static SecureSocketOptions Security(SmtpSecurity security) => security switch
    {
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.None,
    };
}
