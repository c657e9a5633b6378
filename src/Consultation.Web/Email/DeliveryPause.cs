namespace Consultation.Web.Email;

using System.Globalization;
using Consultation.Web.Data;
using Consultation.Web.Domain;

/// <summary>
/// Delivery stops when the SMTP server refuses us as a whole (connect, authentication, sender): retrying every
/// message would only fail them all. Admins see why, fix the settings, and resume.
/// </summary>
public sealed class DeliveryPause(ConsultationDbContext db)
{
    private const string Name = "email:paused";

    public sealed record Paused(string Reason, DateTimeOffset Since);

    public async Task<Paused?> GetAsync(CancellationToken cancellationToken = default)
    {
        var setting = await db.AppSettings.FindAsync([Name], cancellationToken);
        if (setting is null)
            return null;
        var (since, reason) = (setting.Value[..setting.Value.IndexOf('|', StringComparison.Ordinal)], setting.Value[(setting.Value.IndexOf('|', StringComparison.Ordinal) + 1)..]);
        return new Paused(reason, DateTimeOffset.Parse(since, CultureInfo.InvariantCulture));
    }

    public async Task PauseAsync(string reason, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (await db.AppSettings.FindAsync([Name], cancellationToken) is null)
            db.AppSettings.Add(new AppSetting(Name, $"{now.ToString("O", CultureInfo.InvariantCulture)}|{reason}"));
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task ResumeAsync(CancellationToken cancellationToken = default)
    {
        if (await db.AppSettings.FindAsync([Name], cancellationToken) is { } setting)
        {
            db.AppSettings.Remove(setting);
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
