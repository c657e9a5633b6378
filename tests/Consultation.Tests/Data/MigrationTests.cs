namespace Consultation.Tests.Data;

using Consultation.Tests.Support;
using Microsoft.EntityFrameworkCore;

public sealed class MigrationTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Model_HasNoChangesThatAMigrationDoesNotCapture() =>
        Assert.False(await app.WithDbAsync(db => Task.FromResult(db.Database.HasPendingModelChanges())),
            "Run: dotnet ef migrations add <Name> --project src/Consultation.Web --output-dir Data/Migrations");

    [Fact]
    public async Task StartUp_AppliesEveryMigration() =>
        Assert.Empty(await app.WithDbAsync(db => db.Database.GetPendingMigrationsAsync()));

    [Fact]
    public async Task ResponsesTable_IsNamedResponses_WithJsonbAnswers()
    {
        var type = await app.WithDbAsync(db => db.Database
            .SqlQuery<string>($"SELECT data_type AS \"Value\" FROM information_schema.columns WHERE table_name = 'responses' AND column_name = 'answers'")
            .SingleAsync());
        Assert.Equal("jsonb", type);
    }
}
