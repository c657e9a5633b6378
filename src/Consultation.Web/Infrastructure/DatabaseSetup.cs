namespace Consultation.Web.Infrastructure;

using Consultation.Web.Data;
using Consultation.Web.Demo;
using Consultation.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

/// <summary>
/// Chooses the database: the configured connection string, or else a private PostgreSQL cluster
/// the app starts under .data/ (the embedded default for a first run and the demo).
/// </summary>
/// <summary>The database in use: the configured one or the embedded cluster's.</summary>
public sealed record ConsultationDatabase(string ConnectionString);

public static class DatabaseSetup
{
    public const string ConnectionStringName = "Consultation";

    public static WebApplicationBuilder AddConsultationDatabase(this WebApplicationBuilder builder)
    {
        // Resolved on first use rather than now, so that configuration added by a test host counts.
        builder.Services.AddSingleton(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            var environment = sp.GetRequiredService<IWebHostEnvironment>();
            var dataDirectory = Path.GetFullPath(configuration["Embedded:DataDirectory"] ?? ".data/postgres", environment.ContentRootPath);
            return EmbeddedPostgres.Start(new EmbeddedPostgresOptions { DataDirectory = dataDirectory, BinDirectory = configuration["Embedded:BinDirectory"] },
                sp.GetRequiredService<ILogger<EmbeddedPostgres>>());
        });
        builder.Services.AddSingleton(sp =>
        {
            var configured = sp.GetRequiredService<IConfiguration>().GetConnectionString(ConnectionStringName);
            return new ConsultationDatabase(string.IsNullOrWhiteSpace(configured)
                ? sp.GetRequiredService<EmbeddedPostgres>().ConnectionString()
                : configured);
        });
        builder.Services.AddSingleton(sp => new NpgsqlDataSourceBuilder(sp.GetRequiredService<ConsultationDatabase>().ConnectionString).Build());
        builder.Services.AddDbContext<ConsultationDbContext>((sp, o) =>
            o.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>()).UseSnakeCaseNamingConvention()
                .AddInterceptors(sp.GetRequiredService<Pages.Respond.ConsultationStateCache>().Invalidator),
            // Built once: everything it uses is a singleton, and building it for every request costs each page a little.
            optionsLifetime: ServiceLifetime.Singleton);
        builder.Services.AddScoped<DemoSeeder>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return builder;
    }

    /// <summary>Applies migrations (EF Core takes a database lock, so nodes starting together do not race) and seeds the demo when asked.</summary>
    public static async Task<DemoSeed?> PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConsultationDbContext>();
        // Creating the history table first spares a first run EF Core's logged error about it missing.
        await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript());
        await db.Database.MigrateAsync();
        await EnsureRolesAsync(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>());
        if (!app.Configuration.GetValue("Demo:Seed", app.Environment.IsDevelopment()))
            return null;
        return await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
    }

    private static async Task EnsureRolesAsync(RoleManager<IdentityRole<Guid>> roles)
    {
        foreach (var role in StaffRoles.All)
        {
            if (await roles.RoleExistsAsync(role))
                continue;
            var created = await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.NewGuid() });
            // Another node may have created it meanwhile; only a role still missing is an error.
            if (!created.Succeeded && !await roles.RoleExistsAsync(role))
                throw new InvalidOperationException($"The role {role} could not be created.");
        }
    }
}
