namespace Consultation.Web.Jobs;

using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Email;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

/// <summary>
/// Reads the bounces sent to the bounce address (<see cref="ReturnPath"/>): in the demo, those its own SMTP server received;
/// in production, the unseen messages of the configured IMAP mailbox. Runs every few minutes; safe to run twice, since a
/// bounce marks its message failed once (<see cref="OutboundEmail.Bounced"/>).
/// </summary>
public sealed class ReadBouncesJob(ConsultationDbContext db, Bounces bounces, ReturnPath returnPath, IOptions<EmailOptions> options,
    TimeProvider time, ILogger<ReadBouncesJob> logger, InProcessSmtpServer? inProcess = null)
{
    /// <summary>In app_settings: up to when the demo's received mail has been read for bounces.</summary>
    public const string ReadUntilSetting = "email:bounces-read-until";

    /// <summary>
    /// How long after its time a received message is left before it is read. Its time is taken just before it is saved, so a
    /// message saved while a run reads could carry a time before that run's mark; waiting this long means none is skipped.
    /// </summary>
    public static readonly TimeSpan Settle = TimeSpan.FromMinutes(1);

    private const int MailboxBatch = 200;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!returnPath.IsOn)
            return;
        if (inProcess is not null)
            await ReadReceivedAsync(cancellationToken);
        if (!string.IsNullOrWhiteSpace(options.Value.Bounces.Imap.Host))
            await ReadMailboxAsync(options.Value.Bounces.Imap, cancellationToken);
    }

    /// <summary>
    /// The demo's received mail to a return path, from the last run's mark up to a minute ago, then the mark moves there. The
    /// messages stay in the mailbox page (no column marks them read: one mark in app_settings is enough, and a rerun over the
    /// same ones changes nothing).
    /// </summary>
    private async Task ReadReceivedAsync(CancellationToken cancellationToken)
    {
        var setting = await db.AppSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Name == ReadUntilSetting, cancellationToken);
        DateTimeOffset? from = setting is null ? null : DateTimeOffset.Parse(setting.Value, CultureInfo.InvariantCulture);
        var until = time.GetUtcNow() - Settle;
        if (until <= from)
            return;
        // An _ in the prefix matches any character here: the wider match is harmless, each address is checked on reading.
        var pattern = $"%{returnPath.Prefix}%";
        var query = db.ReceivedEmails.AsNoTracking().Where(e => e.ReceivedAt < until && EF.Functions.ILike(e.To, pattern));
        if (from is not null)
            query = query.Where(e => e.ReceivedAt >= from);
        foreach (var email in await query.OrderBy(e => e.ReceivedAt).ToListAsync(cancellationToken))
        {
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(email.Raw));
            // The envelope's recipients, as the server stored them.
            if (await LoadAsync(() => MimeMessage.LoadAsync(stream, cancellationToken)) is { } message)
                await bounces.ProcessAsync(message, email.To.Split(',', StringSplitOptions.TrimEntries), cancellationToken);
        }
        // Two runs at once read the same messages twice, which changes nothing; the mark only saves reading them again.
        var mark = until.ToString("O", CultureInfo.InvariantCulture);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO app_settings (name, value) VALUES ({ReadUntilSetting}, {mark})
            ON CONFLICT (name) DO UPDATE SET value = excluded.value
            """, cancellationToken);
    }

    /// <summary>
    /// The mailbox's unseen messages, each marked seen once read (kept, for whoever looks after the mailbox). The envelope is
    /// gone by now: the return path is found in the headers the delivering server adds (Delivered-To, X-Original-To), or To.
    /// A mailbox that cannot be reached is tried again at the next run.
    /// </summary>
    private async Task ReadMailboxAsync(MailboxOptions imap, CancellationToken cancellationToken)
    {
        using var client = new ImapClient { Timeout = (int)TimeSpan.FromSeconds(30).TotalMilliseconds };
        try
        {
            await client.ConnectAsync(imap.Host!, imap.Port, imap.Security switch
            {
                SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
                SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.None,
            }, cancellationToken);
            if (!string.IsNullOrEmpty(imap.Username))
                await client.AuthenticateAsync(imap.Username, imap.Password ?? "", cancellationToken);
            var inbox = client.Inbox;
            await inbox.OpenAsync(FolderAccess.ReadWrite, cancellationToken);
            foreach (var uid in (await inbox.SearchAsync(SearchQuery.NotSeen, cancellationToken)).Take(MailboxBatch))
            {
                if (await LoadAsync(() => inbox.GetMessageAsync(uid, cancellationToken)) is { } message)
                    await bounces.ProcessAsync(message, Recipients(message), cancellationToken);
                await inbox.AddFlagsAsync(uid, MessageFlags.Seen, silent: true, cancellationToken);
            }
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception e) when (e is IOException or SocketException or TimeoutException or AuthenticationException or SslHandshakeException
            or ImapProtocolException or ImapCommandException or ServiceNotConnectedException)
        {
            logger.LogWarning("Reading bounces from the mailbox {Host}:{Port} failed, to be tried at the next run: {Reason}",
                imap.Host, imap.Port, e.Message);
        }
    }

    /// <summary>The message, or null when it cannot be read as one: it is skipped, so that it cannot hold up every later run.</summary>
    private async Task<MimeMessage?> LoadAsync(Func<Task<MimeMessage>> load)
    {
        try
        {
            return await load();
        }
        catch (FormatException)
        {
            logger.LogInformation("A message to the bounce address cannot be read as a message; ignored.");
            return null;
        }
    }

    private static readonly string[] RecipientFields = ["Delivered-To", "X-Original-To", "Envelope-To", "To", "Cc"];

    private static IEnumerable<string> Recipients(MimeMessage message) =>
        message.Headers.Where(h => RecipientFields.Contains(h.Field, StringComparer.OrdinalIgnoreCase))
            .SelectMany(h => InternetAddressList.TryParse(h.Value, out var list) ? list.Mailboxes.Select(m => m.Address) : []);
}
