namespace Consultation.Tests.Jobs;

using Consultation.Tests.Support;
using Consultation.Web.Domain;
using Consultation.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// An anonymous response's invitation is completed later, in a batch, by a job: never in the response's own transaction,
/// whose id (PostgreSQL's xmin) would otherwise pair the two rows for anyone reading system columns.
/// </summary>
public sealed class CompleteInvitationsJobTests(AppFactory app) : IClassFixture<AppFactory>
{
    private Task<string> TransactionOfAsync(string table, Guid id) => app.WithDbAsync(db =>
#pragma warning disable EF1002 // The table name is one of this test's constants.
        db.Database.SqlQueryRaw<string>($"SELECT xmin::text AS \"Value\" FROM {table} WHERE id = {{0}}", id).SingleAsync());
#pragma warning restore EF1002

    private async Task RunJobAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CompleteInvitationsJob>().RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task AnAnonymousSubmit_LeavesTheInvitationToTheJob_WhichCompletesItInAnotherTransaction_AndSendsTheReceipt()
    {
        var journey = await app.JourneyAsync(anonymous: true);
        var client = app.Respondent();
        await ResponseAssert.RedirectsTo($"{journey.PersonalLink}/thank-you", await client.CompleteAsync(
            await client.GetPageAsync($"{journey.PersonalLink}/answer"), new Dictionary<string, string[]> { ["role"] = ["academic"], ["agree"] = ["yes"] }));
        var hash = InvitationToken.Hash(journey.Token)!;
        var invitation = await app.WithDbAsync(db => db.Invitations.AsNoTracking().SingleAsync(i => i.Links.Any(l => l.TokenHash == hash)));
        var pointer = InvitationToken.ResponsePointer(journey.Token);
        var response = await app.WithDbAsync(db => db.Responses.AsNoTracking().SingleAsync(r => r.ResponsePointer == pointer));

        Assert.NotEqual(InvitationStatus.Completed, invitation.Status);
        Assert.Equal(0, await app.WithDbAsync(db => db.OutboundEmails.CountAsync(e => e.Recipient == journey.Email && e.Kind == EmailKind.Receipt)));
        // The link knows its response meanwhile: the respondent sees the thank-you page, not the questionnaire again.
        Assert.Equal($"{journey.PersonalLink}/thank-you", (await client.GetAsync(journey.PersonalLink)).Headers.Location!.OriginalString);

        await RunJobAsync();
        await RunJobAsync();

        var completed = await app.WithDbAsync(db => db.Invitations.AsNoTracking().SingleAsync(i => i.Id == invitation.Id));
        Assert.Equal(InvitationStatus.Completed, completed.Status);
        Assert.Null(completed.CompletedAt);
        Assert.NotEqual(await TransactionOfAsync("responses", response.Id), await TransactionOfAsync("invitations", invitation.Id));
        Assert.Empty(await app.WithDbAsync(db => db.PendingCompletions.ToListAsync()));
        var receipt = await app.WithDbAsync(db => db.OutboundEmails.AsNoTracking().SingleAsync(e => e.Recipient == journey.Email && e.Kind == EmailKind.Receipt));
        Assert.DoesNotContain(journey.Token, receipt.TextBody, StringComparison.Ordinal);
        Assert.Contains(Localized.Text("en", "This consultation is anonymous: your answers are not linked to you, so they are not copied here."),
            receipt.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANamedSubmit_CompletesTheInvitationAtOnce_WithItsTime()
    {
        var journey = await app.JourneyAsync();
        var client = app.Respondent();
        await client.CompleteAsync(await client.GetPageAsync($"{journey.PersonalLink}/answer"), new Dictionary<string, string[]> { ["role"] = ["academic"], ["agree"] = ["yes"] });

        var hash = InvitationToken.Hash(journey.Token)!;
        var invitation = await app.WithDbAsync(db => db.Invitations.AsNoTracking().SingleAsync(i => i.Links.Any(l => l.TokenHash == hash)));
        Assert.Equal(InvitationStatus.Completed, invitation.Status);
        Assert.Equal(app.Clock.GetUtcNow(), invitation.CompletedAt!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Empty(await app.WithDbAsync(db => db.PendingCompletions.ToListAsync()));
    }
}
