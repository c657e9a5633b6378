namespace Consultation.Tests.Support;

using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Email;
using Consultation.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// A one-question consultation in English and French with one stakeholder invited the way the app invites
/// (<see cref="InvitationLinks"/>): a derived link when named, a random one when anonymous.
/// </summary>
public static class InvitedConsultations
{
    public sealed record Invited(Guid ConsultationId, Guid InvitationId, string Link)
    {
        /// <summary>The link's path, /r/{token}, which the test server answers whatever the public base URL.</summary>
        public string Path => new Uri(Link).AbsolutePath;
    }

    /// <summary>Invites one person in <paramref name="language"/>; with <paramref name="alsoOffered"/>, the consultation offers that language too (worded as in English).</summary>
    public static async Task<Invited> InviteAsync(this AppFactory app, bool anonymous, string language = "en", string? alsoOffered = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConsultationDbContext>();
        var now = app.Clock.GetUtcNow();
        var c = Consultation.Create($"links-{Guid.NewGuid():N}"[..20], "en", alsoOffered is null ? ["en", "fr"] : ["en", "fr", alsoOffered], AccessMode.InvitedOnly, anonymous, 5, now);
        void Text(string key, TextField field, string en, string fr)
        {
            c.SetText(key, field, "en", en);
            c.SetText(key, field, "fr", fr);
            if (alsoOffered is not null)
                c.SetText(key, field, alsoOffered, en);
        }
        Text(ElementKey.Consultation, TextField.Title, "Links", "Liens");
        var section = c.AddSection("views");
        Text(ElementKey.Section("views"), TextField.Title, "Your views", "Vos avis");
        section.AddQuestion(c, "view", QuestionType.LongText, true);
        Text(ElementKey.Question("view"), TextField.Label, "Your view", "Votre avis");
        c.Publish(now);
        var stakeholder = Stakeholder.Create("Link Person", $"{Guid.NewGuid():N}@example.org", "Lab", Sector.Academia, "KE", language, now);
        var (invitation, link) = scope.ServiceProvider.GetRequiredService<InvitationLinks>().Issue(c, stakeholder, now);
        db.AddRange(c, stakeholder, invitation);
        await db.SaveChangesAsync();
        return new Invited(c.Id, invitation.Id, link);
    }

    /// <summary>What a resend, a reminder or "copy the link" would carry: <see cref="InvitationLinks.LinkFor"/>.</summary>
    public static async Task<string?> LinkForAsync(this AppFactory app, Guid invitationId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConsultationDbContext>();
        var invitation = await db.Invitations.AsNoTracking().SingleAsync(i => i.Id == invitationId);
        return scope.ServiceProvider.GetRequiredService<InvitationLinks>().LinkFor(invitation);
    }

    /// <summary><see cref="InvitationLinks.IssueFreshLink"/>, saved: the path of the new link.</summary>
    public static async Task<string> FreshLinkAsync(this AppFactory app, Guid invitationId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConsultationDbContext>();
        var invitation = await db.Invitations.SingleAsync(i => i.Id == invitationId);
        var consultation = await db.Consultations.SingleAsync(c => c.Id == invitation.ConsultationId);
        var link = scope.ServiceProvider.GetRequiredService<InvitationLinks>().IssueFreshLink(invitation, consultation, app.Clock.GetUtcNow());
        await db.SaveChangesAsync();
        return new Uri(link).AbsolutePath;
    }

    /// <summary>Invites one more person to a consultation made by <see cref="InviteAsync"/>.</summary>
    public static async Task<Invited> AddInviteeAsync(this AppFactory app, Guid consultationId, string name, Sector sector, string? country, string language)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConsultationDbContext>();
        var now = app.Clock.GetUtcNow();
        var c = await db.Consultations.AsNoTracking().SingleAsync(x => x.Id == consultationId);
        var stakeholder = Stakeholder.Create(name, $"{Guid.NewGuid():N}@example.org", "Lab", sector, country, language, now);
        var (invitation, link) = scope.ServiceProvider.GetRequiredService<InvitationLinks>().Issue(c, stakeholder, now);
        db.AddRange(stakeholder, invitation);
        await db.SaveChangesAsync();
        return new Invited(consultationId, invitation.Id, link);
    }

    /// <summary>Queues the first invitation email of every invitation of the consultation still waiting for one, as publishing does.</summary>
    public static Task<int> QueueInvitationEmailsAsync(this AppFactory app, Guid consultationId) =>
        app.WithDbAsync(db => InvitationMailing.QueueWaitingAsync(db, consultationId, app.Clock.GetUtcNow(), CancellationToken.None));

    public static Task RevokeAsync(this AppFactory app, Guid invitationId) => app.WithDbAsync(async db =>
    {
        (await db.Invitations.SingleAsync(i => i.Id == invitationId)).Revoke(app.Clock.GetUtcNow());
        await db.SaveChangesAsync();
    });
}
