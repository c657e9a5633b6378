namespace Consultation.Tests.Pages.Organise.Stakeholders;

using System.Net;
using AngleSharp.Html.Dom;
using Consultation.Tests.Support;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;

/// <summary>Merging two entries that are the same person: found by search, compared side by side, one kept, both histories kept.</summary>
public sealed class MergePageTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Merge_MovesTheOthersInvitations_EvenToAConsultationBothWereInvitedTo_AndRemovesTheOther()
    {
        var organiser = await OrganiserAsync();
        var kept = await AddAsync("佐藤 結衣", ["panel"]);
        var other = await AddAsync("Yui Sato", ["2026"], consent: new DateOnly(2025, 5, 1), neverEmail: true);
        var (both, onlyOther) = await InviteAsync(kept, other);

        var person = await organiser.GetPageAsync($"/organise/stakeholders/{kept.Id}");
        var search = await organiser.GetPageAsync(person.QuerySelector("a[data-merge-link]")!.GetAttribute("href") + "?q=" + Uri.EscapeDataString(other.Email));
        var candidate = search.QuerySelector($"[data-candidate='{other.Email}'] a")!.GetAttribute("href")!;
        var confirm = await organiser.GetPageAsync(candidate);

        Assert.Equal("佐藤 結衣", Cells(confirm, "name")[2]);
        Assert.Equal("panel, 2026", Cells(confirm, "tags")[2]);
        Assert.Equal(["1", "2", "3"], Cells(confirm, "invitations"));
        var merged = await organiser.SubmitAsync(confirm, formSelector: "#merge-form");

        await ResponseAssert.RedirectsTo($"/organise/stakeholders/{kept.Id}?saved=True", merged);
        var (survivor, gone, invitations) = await app.WithDbAsync(async db => (
            await db.Stakeholders.AsNoTracking().SingleAsync(s => s.Id == kept.Id),
            await db.Stakeholders.AnyAsync(s => s.Id == other.Id),
            await db.Invitations.AsNoTracking().Where(i => i.StakeholderId == kept.Id).ToListAsync()));
        Assert.False(gone);
        Assert.Equal(["panel", "2026"], survivor.Tags);
        Assert.Equal(new DateOnly(2025, 5, 1), survivor.ConsentDate);
        Assert.True(survivor.NeverEmail);
        Assert.Equal(2, invitations.Count(i => i.ConsultationId == both));
        Assert.Equal(other.Id, invitations.Single(i => i.ConsultationId == onlyOther).MergedFrom);
        Assert.Single(invitations, i => i.ConsultationId == both && i.MergedFrom is null);
        Assert.Equal(3, (await organiser.GetPageAsync($"/organise/stakeholders/{kept.Id}")).QuerySelectorAll("[data-invitation]").Length);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditActions.StakeholdersMerged && e.ObjectId == $"{kept.Id} {other.Id}")));
    }

    [Fact]
    public async Task Merge_KeepsTheOtherEntrysDetails_WhenTheOrganiserChoosesThem()
    {
        var organiser = await OrganiserAsync();
        var current = await AddAsync("Kim Minjun", []);
        var other = await AddAsync("김민준", []);
        var path = $"/organise/stakeholders/{current.Id}/merge";

        var confirm = await organiser.GetPageAsync($"{path}?with={other.Id}");
        confirm = await organiser.GetPageAsync(confirm.QuerySelector("a[data-swap]")!.GetAttribute("href")!);
        Assert.Equal("김민준", Cells(confirm, "name")[2]);
        var merged = await organiser.SubmitAsync(confirm, formSelector: "#merge-form");

        await ResponseAssert.RedirectsTo($"/organise/stakeholders/{other.Id}?saved=True", merged);
        Assert.False(await app.WithDbAsync(db => db.Stakeholders.AnyAsync(s => s.Id == current.Id)));
        Assert.Equal(other.Email, await app.WithDbAsync(db => db.Stakeholders.Where(s => s.Id == other.Id).Select(s => s.Email).SingleAsync()));
    }

    [Fact]
    public async Task Merge_FromAPageReadBeforeSomeoneElseChangedAnEntry_IsRefusedInWords_AndMergesNothing()
    {
        var organiser = await OrganiserAsync("fr");
        var kept = await AddAsync("Amélie Laurent", []);
        var other = await AddAsync("Amelie Laurent", []);
        var confirm = await organiser.GetPageAsync($"/organise/stakeholders/{kept.Id}/merge?with={other.Id}");

        await app.WithDbAsync(async db =>
        {
            var entry = await db.Stakeholders.SingleAsync(s => s.Id == other.Id);
            entry.Edit(new StakeholderDetails("Amelie Laurent-Dubois", entry.Email, null, Sector.Other, null, "fr"), app.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        });
        var refused = await organiser.SubmitAsync(confirm, formSelector: "#merge-form");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await Html.ParseAsync(refused);
        Assert.Contains(Localized.Text("fr", "One of these entries was changed since this page was shown. Nothing was merged: check both again below."),
            page.Text("[data-error-summary]"), StringComparison.Ordinal);
        Assert.Equal("Amelie Laurent-Dubois", Cells(page, "name")[1]);
        Assert.Equal(2, await app.WithDbAsync(db => db.Stakeholders.CountAsync(s => s.Id == kept.Id || s.Id == other.Id)));

        await ResponseAssert.RedirectsTo($"/organise/stakeholders/{kept.Id}?saved=True", await organiser.SubmitAsync(page, formSelector: "#merge-form"));
    }

    [Fact]
    public async Task Merge_OfAPersonWithThemselves_IsRefused_AndTheSearchDoesNotOfferThem()
    {
        var organiser = await OrganiserAsync("ja");
        var name = $"Wanjiru {Guid.NewGuid():N}"[..16];
        var person = await AddAsync(name, []);
        var other = await AddAsync(name, []);
        var path = $"/organise/stakeholders/{person.Id}/merge";

        var search = await organiser.GetPageAsync($"{path}?q={name}");
        Assert.Equal([other.Email], search.QuerySelectorAll("[data-candidate]").Select(r => r.GetAttribute("data-candidate")));
        var self = await organiser.GetPageAsync($"{path}?with={person.Id}");
        var message = Localized.Text("ja", "An entry cannot be merged with itself.");
        Assert.Contains(message, self.Text("[data-error-summary]"), StringComparison.Ordinal);
        Assert.Null(self.QuerySelector("#merge-form"));

        // A form crafted from another merge's, naming the person twice, with their current version.
        var version = await app.WithDbAsync(db => db.Stakeholders.Where(s => s.Id == person.Id).Select(s => s.Version).SingleAsync());
        var confirm = await organiser.GetPageAsync($"{path}?with={other.Id}");
        var refused = await organiser.SubmitAsync(confirm, new Dictionary<string, string[]>
        {
            ["With"] = [person.Id.ToString()],
            ["Keep"] = [person.Id.ToString()],
            ["KeptVersion"] = [version.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            ["RemovedVersion"] = [version.ToString(System.Globalization.CultureInfo.InvariantCulture)],
        }, "#merge-form");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(message, (await Html.ParseAsync(refused)).Text("[data-error-summary]"), StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.Stakeholders.AnyAsync(s => s.Id == person.Id)));
    }

    private static List<string> Cells(IHtmlDocument page, string field) =>
        [.. page.QuerySelectorAll($"[data-merge] tr[data-field='{field}'] td").Select(td => td.TextContent.Trim())];

    private async Task<HttpClient> OrganiserAsync(string language = "en") =>
        await app.SignedInAsync(await app.CreateStaffAsync(StaffRoles.Organiser), acceptLanguage: language);

    private Task<Stakeholder> AddAsync(string name, string[] tags, DateOnly? consent = null, bool neverEmail = false) => app.WithDbAsync(async db =>
    {
        var person = Stakeholder.Create(new StakeholderDetails(name, $"{Guid.NewGuid():N}@example.org", null, Sector.Other, null, "en")
        {
            Tags = tags,
            ConsentGiven = consent is not null,
            ConsentDate = consent,
            NeverEmail = neverEmail,
        }, app.Clock.GetUtcNow());
        db.Stakeholders.Add(person);
        await db.SaveChangesAsync();
        return person;
    });

    /// <summary>Both invited to one consultation, the other alone to a second.</summary>
    private Task<(Guid Both, Guid OnlyOther)> InviteAsync(Stakeholder kept, Stakeholder other) => app.WithDbAsync(async db =>
    {
        var now = app.Clock.GetUtcNow();
        var both = Consultation.Create($"both-{Guid.NewGuid():N}"[..20], "en", ["en"], AccessMode.InvitedOnly, false, 5, now);
        var onlyOther = Consultation.Create($"other-{Guid.NewGuid():N}"[..20], "en", ["en"], AccessMode.InvitedOnly, true, 5, now);
        db.Consultations.AddRange(both, onlyOther);
        var keptPerson = await db.Stakeholders.SingleAsync(s => s.Id == kept.Id);
        var otherPerson = await db.Stakeholders.SingleAsync(s => s.Id == other.Id);
        var completed = Invitation.Issue(both, otherPerson, InvitationToken.New(), now);
        completed.Complete(now);
        db.Invitations.AddRange(Invitation.Issue(both, keptPerson, InvitationToken.New(), now), completed,
            Invitation.Issue(onlyOther, otherPerson, InvitationToken.New(), now));
        await db.SaveChangesAsync();
        return (both.Id, onlyOther.Id);
    });
}
