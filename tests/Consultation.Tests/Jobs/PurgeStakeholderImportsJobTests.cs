namespace Consultation.Tests.Jobs;

using Consultation.Tests.Support;
using Consultation.Web.Domain;
using Consultation.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

/// <summary>A registry import uploaded and never finished is deleted after a day, with its file; a finished one stays.</summary>
public sealed class PurgeStakeholderImportsJobTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Run_DeletesUnfinishedImportsOlderThanADay_KeepingRecentAndFinishedOnes_AndASecondRunFindsNothing()
    {
        var now = app.Clock.GetUtcNow();
        var old = await AddAsync(now.AddHours(-25), finished: false);
        var recent = await AddAsync(now.AddHours(-23), finished: false);
        var finished = await AddAsync(now.AddDays(-30), finished: true);

        Assert.Equal(1, await RunAsync(now));
        Assert.Equal(0, await RunAsync(now));

        var left = await app.WithDbAsync(db => db.StakeholderImports.Where(i => i.Id == old || i.Id == recent || i.Id == finished).Select(i => i.Id).ToListAsync());
        Assert.Equal(new[] { recent, finished }.Order(), left.Order());
    }

    private async Task<int> RunAsync(DateTimeOffset now)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await ActivatorUtilities.CreateInstance<PurgeStakeholderImportsJob>(scope.ServiceProvider, (TimeProvider)new FakeTimeProvider(now)).RunAsync(CancellationToken.None);
    }

    private Task<Guid> AddAsync(DateTimeOffset uploadedAt, bool finished) => app.WithDbAsync(async db =>
    {
        var import = StakeholderImport.Upload("people.csv", ImportFormat.Csv, "Name,Email\nA,a@example.org\n"u8.ToArray(), null, "organiser@example.org", uploadedAt);
        if (finished)
            import.Complete(1, 0, 0, 0, uploadedAt.AddMinutes(5));
        db.StakeholderImports.Add(import);
        await db.SaveChangesAsync();
        return import.Id;
    });
}
