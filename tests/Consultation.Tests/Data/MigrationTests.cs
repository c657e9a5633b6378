namespace Consultation.Tests.Data;

using Consultation.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

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

    [Fact]
    public async Task TheInvitationLinksMigration_KeepsEveryTokenHash_SoEveryLinkSentStillOpens()
    {
        using var links = new AppFactory();
        var demo = await links.DemoAsync();
        var anonymous = await links.InviteAsync(anonymous: true);
        var before = await links.WithDbAsync(db => db.Invitations.AsNoTracking()
            .Select(i => new { i.Id, Hash = i.Links.Select(l => l.TokenHash).First() }).ToDictionaryAsync(i => i.Id, i => i.Hash));

        // Back to the shape with one token hash per invitation, and forward again: the hashes travel both ways.
        var (oldShape, after) = await links.WithDbAsync(async db =>
        {
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync("20261203140023_StakeholderRegistry");
            var old = await db.Database.SqlQuery<byte[]>($"SELECT token_hash AS \"Value\" FROM invitations").ToListAsync();
            await migrator.MigrateAsync();
            var moved = await db.Database.SqlQuery<byte[]>($"SELECT token_hash AS \"Value\" FROM invitation_links").ToListAsync();
            return (old, moved);
        });

        Assert.Equal(before.Values.Select(Convert.ToHexString).Order(), oldShape.Select(Convert.ToHexString).Order());
        Assert.Equal(before.Values.Select(Convert.ToHexString).Order(), after.Select(Convert.ToHexString).Order());
        foreach (var path in demo.PersonalLinks.Select(l => l.Path).Append(anonymous.Path))
            Assert.NotNull((await links.Respondent().GetPageAsync($"{path}/answer")).QuerySelector("#answer-form"));
    }
}
