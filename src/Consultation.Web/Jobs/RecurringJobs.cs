using Hangfire;

namespace Consultation.Web.Jobs;

/// <summary>Every recurring job, with its stable id and its schedule in UTC. Registering again changes nothing.</summary>
public static class RecurringJobs
{
    public const string DeliverEmail = "deliver-email";
    public const string OpenAndCloseConsultations = "open-and-close-consultations";
    public const string CompleteInvitations = "complete-invitations";

    public static void Register(IRecurringJobManager jobs)
    {
        var utc = new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc };
        jobs.AddOrUpdate<DeliverEmailsJob>(DeliverEmail, job => job.RunAsync(CancellationToken.None), Cron.Minutely(), utc);
        jobs.AddOrUpdate<OpenAndCloseConsultationsJob>(OpenAndCloseConsultations, job => job.RunAsync(CancellationToken.None), Cron.Minutely(), utc);
        // Every ten minutes, so that anonymous completions go in batches (see PendingCompletion).
        jobs.AddOrUpdate<CompleteInvitationsJob>(CompleteInvitations, job => job.RunAsync(CancellationToken.None), "*/10 * * * *", utc);
    }
}
