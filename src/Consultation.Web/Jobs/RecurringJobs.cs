namespace Consultation.Web.Jobs;

using Hangfire;

/// <summary>Every recurring job, with its stable id and its schedule in UTC. Registering again changes nothing.</summary>
public static class RecurringJobs
{
    public const string DeliverEmail = "deliver-email";
    public const string ReadBounces = "read-bounces";
    public const string OpenAndCloseConsultations = "open-and-close-consultations";
    public const string CompleteInvitations = "complete-invitations";
    public const string PurgeAbandonedUploads = "purge-abandoned-uploads";
    public const string PurgeStakeholderImports = "purge-stakeholder-imports";

    public static void Register(IRecurringJobManager jobs)
    {
        var utc = new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc };
        jobs.AddOrUpdate<DeliverEmailsJob>(DeliverEmail, job => job.RunAsync(CancellationToken.None), Cron.Minutely(), utc);
        // Every five minutes: a bounce shows on its invitation within minutes, and an idle mailbox costs one login.
        jobs.AddOrUpdate<ReadBouncesJob>(ReadBounces, job => job.RunAsync(CancellationToken.None), "*/5 * * * *", utc);
        jobs.AddOrUpdate<OpenAndCloseConsultationsJob>(OpenAndCloseConsultations, job => job.RunAsync(CancellationToken.None), Cron.Minutely(), utc);
        // Every ten minutes, so that anonymous completions go in batches (see PendingCompletion).
        jobs.AddOrUpdate<CompleteInvitationsJob>(CompleteInvitations, job => job.RunAsync(CancellationToken.None), "*/10 * * * *", utc);
        // Daily at 03:17, a quiet hour away from the top of the hour.
        jobs.AddOrUpdate<PurgeAbandonedUploadsJob>(PurgeAbandonedUploads, job => job.RunAsync(CancellationToken.None), "17 3 * * *", utc);
        // Hourly: an unfinished import's file is held no more than about a day.
        jobs.AddOrUpdate<PurgeStakeholderImportsJob>(PurgeStakeholderImports, job => job.RunAsync(CancellationToken.None), "41 * * * *", utc);
    }
}
