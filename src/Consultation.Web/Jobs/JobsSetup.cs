namespace Consultation.Web.Jobs;

using Consultation.Web.Email;
using Consultation.Web.Infrastructure;
using Hangfire;
using Hangfire.PostgreSql;
using Npgsql;

/// <summary>
/// Hangfire on the app's PostgreSQL database, in its own schema and connection pool. The job server runs in
/// every node unless Jobs:Server is false (web-only nodes); the Testing environment runs none unless a test asks.
/// </summary>
public static class JobsSetup
{
    public const string DashboardPath = "/admin/jobs";

    public static WebApplicationBuilder AddConsultationJobs(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // The storage is this app's own rather than Hangfire's process-wide JobStorage.Current, so that several
        // apps in one process (tests, a second node) each use their own database.
        services.AddSingleton<JobStorage>(sp =>
        {
            var connectionString = new NpgsqlConnectionStringBuilder(sp.GetRequiredService<ConsultationDatabase>().ConnectionString)
            {
                ApplicationName = "consultation-jobs",
            }.ConnectionString;
            var options = new PostgreSqlStorageOptions
            {
                SchemaName = "hangfire",
                PrepareSchemaIfNecessary = true,
                // A queued job starts within about a second; a long job is not handed to a second worker.
                QueuePollInterval = TimeSpan.FromSeconds(1),
                UseSlidingInvisibilityTimeout = true,
                InvisibilityTimeout = TimeSpan.FromMinutes(5),
            };
            return new PostgreSqlStorage(new JobsConnectionFactory(NpgsqlDataSource.Create(connectionString)), options);
        });
        services.AddSingleton<IBackgroundJobClient>(sp => new BackgroundJobClient(sp.GetRequiredService<JobStorage>()));
        services.AddSingleton<IRecurringJobManager>(sp => new RecurringJobManager(sp.GetRequiredService<JobStorage>()));
        // Jobs are built from this app's own services, not from whichever app last set Hangfire's global activator.
        services.AddSingleton<JobActivator>(sp => new Hangfire.AspNetCore.AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        var testing = builder.Environment.IsEnvironment("Testing");
        services.AddHangfire(c =>
        {
            c.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            // Hangfire's log provider is process-wide: in a test process holding several apps, one app's disposed
            // logger factory would break the others. Tests go without Hangfire's own log lines.
            if (testing)
                c.UseLogProvider(new SilentLogProvider());
        });
        if (RunsServer(builder.Configuration, builder.Environment))
        {
            services.AddHangfireServer(o =>
            {
                o.WorkerCount = Math.Max(2, Environment.ProcessorCount * 2);
                o.SchedulePollingInterval = TimeSpan.FromSeconds(1);
                o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";
            });
        }
        services.AddScoped<DeliverEmailsJob>();
        // The outbox's nudge: Email/ asks for delivery without knowing which job does it.
        services.AddSingleton<StartDelivery>(sp =>
        {
            var jobs = sp.GetRequiredService<IBackgroundJobClient>();
            return () => jobs.Enqueue<DeliverEmailsJob>(job => job.RunAsync(CancellationToken.None));
        });
        services.AddScoped<ReadBouncesJob>();
        services.AddScoped<OpenAndCloseConsultationsJob>();
        services.AddScoped<CompleteInvitationsJob>();
        services.AddScoped<CompileSummaryJob>();
        services.AddScoped<PurgeAbandonedUploadsJob>();
        services.AddScoped<PurgeStakeholderImportsJob>();
        return builder;
    }

    public static bool RunsServer(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue("Jobs:Server", !environment.IsEnvironment("Testing"));
}

/// <summary>Hangfire's connections come from their own pool, so a burst of jobs cannot starve the pages.</summary>
internal sealed class JobsConnectionFactory(NpgsqlDataSource dataSource) : IConnectionFactory
{
    public NpgsqlConnection GetOrCreateConnection() => dataSource.CreateConnection();
}

internal sealed class SilentLogProvider : Hangfire.Logging.ILogProvider
{
    public Hangfire.Logging.ILog GetLogger(string name) => new Silent();

    private sealed class Silent : Hangfire.Logging.ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
