namespace Consultation.Web.Jobs;

using Consultation.Web.Email;

/// <summary>
/// Sends the outbox, batch after batch, until nothing is due; safe to run twice at once, since each batch is claimed
/// for one run alone. One SMTP connection serves the whole run. Runs every minute and whenever the outbox is nudged.
/// </summary>
public sealed class DeliverEmailsJob(Outbox outbox, SmtpSender sender)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested && await sender.CanSendAsync(cancellationToken))
            {
                var batch = await outbox.ClaimAsync(cancellationToken);
                if (batch.Count == 0)
                    return;
                await sender.SendAsync(batch, cancellationToken);
            }
        }
        finally
        {
            await sender.CloseAsync(CancellationToken.None);
        }
    }
}
