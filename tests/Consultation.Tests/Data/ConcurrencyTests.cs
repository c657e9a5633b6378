namespace Consultation.Tests.Data;

using Consultation.Tests.Support;
using Consultation.Web.Data;
using Consultation.Web.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

public sealed class ConcurrencyTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task TwoChangesMadeFromTheSameReading_TheSecondIsRefused_NotSilentlyOverwriting()
    {
        await using var organiserScope = app.Services.CreateAsyncScope();
        await using var jobScope = app.Services.CreateAsyncScope();
        var organiserDb = organiserScope.ServiceProvider.GetRequiredService<ConsultationDbContext>();
        var jobDb = jobScope.ServiceProvider.GetRequiredService<ConsultationDbContext>();
        var byOrganiser = await organiserDb.Consultations.SingleAsync(c => c.Slug == DemoSeeder.Slug);
        var byJob = await jobDb.Consultations.SingleAsync(c => c.Slug == DemoSeeder.Slug);
        var now = app.Clock.GetUtcNow();

        byOrganiser.Schedule(null, now.AddDays(90), now);
        await organiserDb.SaveChangesAsync();
        byJob.Close(now);

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => jobDb.SaveChangesAsync());
        var stored = await app.WithDbAsync(db => db.Consultations.Where(c => c.Slug == DemoSeeder.Slug).Select(c => c.ClosesAt).SingleAsync());
        Assert.Equal(now.AddDays(90), stored!.Value, TimeSpan.FromMilliseconds(1));
    }
}
