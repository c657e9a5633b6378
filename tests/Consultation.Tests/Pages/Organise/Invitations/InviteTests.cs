namespace Consultation.Tests.Pages.Organise.Invitations;

using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Consultation.Tests.Support;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Email;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// Inviting from the registry: the plan counts everyone and every reason to skip before anything is written; the
/// confirmation invites by filter or by selection, once however often it is submitted; invitations to a consultation not
/// open yet wait for it; a closed or public-link-only consultation is refused in words.
/// </summary>
public sealed class InviteTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task ThePlan_CountsThoseToInvite_AndEachReasonToSkip_BeforeAnythingIsWritten()
    {
        var id = await app.InviteConsultationAsync(requiresConsent: true);
        var tag = Tag();
        var people = await app.PeopleAsync(tag,
            new Invitee("Ada", Consent: true), new Invitee("Bea", Consent: true), new Invitee("Cai", Consent: true, NeverEmail: true), new Invitee("Dan", Consent: false),
            new Invitee("Eve", Consent: true), new Invitee("Fay", Consent: true), new Invitee("Gus", Consent: true));
        await app.WithDbAsync(async db =>
        {
            var c = await db.Consultations.SingleAsync(x => x.Id == id);
            var now = app.Clock.GetUtcNow();
            var (eve, fay, gus) = (Invitation.Issue(c, people[4], InvitationToken.New(), now), Invitation.Issue(c, people[5], InvitationToken.New(), now),
                Invitation.Issue(c, people[6], InvitationToken.New(), now));
            eve.OptOut(now, anonymously: false);
            fay.Decline(now, anonymously: false);
            db.Invitations.AddRange(eve, fay, gus);
            await db.SaveChangesAsync();
        });
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id));

        var plan = await PlanAsync(organiser, id, $"?tag={tag}", everyone: true);

        Assert.Equal("2", plan.QuerySelector("[data-plan-invite]")!.GetAttribute("data-plan-invite"));
        var already = plan.QuerySelector("[data-plan-already]")!;
        Assert.Equal(("3", "1", "1"), (already.GetAttribute("data-plan-already"), already.GetAttribute("data-plan-opted-out"), already.GetAttribute("data-plan-declined")));
        Assert.Equal("1", plan.QuerySelector("[data-plan-never-email]")!.GetAttribute("data-plan-never-email"));
        Assert.Equal("1", plan.QuerySelector("[data-plan-no-consent]")!.GetAttribute("data-plan-no-consent"));
        Assert.Contains(Localized.Text("en", "{0} will be invited", "2"), plan.Text("[data-plan]"), StringComparison.Ordinal);
        Assert.Equal(3, await app.WithDbAsync(db => db.Invitations.CountAsync(i => i.ConsultationId == id)));
    }

    [Fact]
    public async Task WithoutTheConsentSetting_PeopleWithoutConsentAreInvited_AndNoConsentReasonIsShown()
    {
        var id = await app.InviteConsultationAsync();
        var tag = Tag();
        await app.PeopleAsync(tag, new Invitee("Ada", Consent: false), new Invitee("Bea", Consent: true));
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id));

        var plan = await PlanAsync(organiser, id, $"?tag={tag}", everyone: true);

        Assert.Equal("2", plan.QuerySelector("[data-plan-invite]")!.GetAttribute("data-plan-invite"));
        Assert.Null(plan.QuerySelector("[data-plan-no-consent]"));
    }

    [Fact]
    public async Task ByFilter_SeveralSectorsAndCountries_InvitesEveryoneFound_QueuesTheirEmails_AndIsAudited()
    {
        var id = await app.InviteConsultationAsync();
        var tag = Tag();
        var people = await app.PeopleAsync(tag,
            new Invitee("Academic in Kenya", Sector.Academia, "KE"), new Invitee("Academic in Japan", Sector.Academia, "JP", "ja"),
            new Invitee("Ministry in Japan", Sector.Government, "JP"), new Invitee("Academic in France", Sector.Academia, "FR"), new Invitee("Company in Kenya", Sector.Industry, "KE"));
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id));

        var plan = await PlanAsync(organiser, id, $"?tag={tag}&sector=Academia&sector=Government&country=KE&country=jp", everyone: true);
        // The way back keeps the filter.
        Assert.Equal($"/organise/{id}/invitations/new?sector=Academia&sector=Government&country=KE&country=JP&tag={tag}&pageNumber=1",
            plan.QuerySelector("[data-plan] a")!.GetAttribute("href"));
        var result = await ConfirmAsync(organiser, id, plan, expected: 3);

        Assert.Equal("3", result.QuerySelector("[data-invited]")!.GetAttribute("data-invited"));
        Assert.Equal(Localized.Text("en", "{0} invited; their invitation emails are being sent.", "3"), result.Text("[data-invited]"));
        var invited = await app.WithDbAsync(db => db.Invitations.Where(i => i.ConsultationId == id).ToListAsync());
        Assert.Equal(new[] { people[0].Id, people[1].Id, people[2].Id }.Order(), invited.Select(i => i.StakeholderId).Order());
        Assert.Equal("en", invited.Single(i => i.StakeholderId == people[1].Id).Language); // Japanese is not offered: the default language.
        Assert.All(invited, i => Assert.Single(i.Links));
        Assert.Equal(3, await app.WithDbAsync(db => db.OutboundEmails.CountAsync(e => invited.Select(i => (Guid?)i.Id).Contains(e.InvitationId))));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditActions.StakeholdersInvited && e.ConsultationId == id && e.ObjectId == "3")));
    }

    [Fact]
    public async Task InAnAnonymousConsultation_InvitationsAreWrittenWithoutALink_AndTheirEmailsQueued()
    {
        var id = await app.InviteConsultationAsync(anonymous: true);
        var tag = Tag();
        await app.PeopleAsync(tag, new Invitee("Ada"), new Invitee("Bea"));
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id));

        await InviteAsync(organiser, id, $"?tag={tag}", everyone: true);

        var invited = await app.WithDbAsync(db => db.Invitations.AsNoTracking().Where(i => i.ConsultationId == id).ToListAsync());
        Assert.Equal(2, invited.Count);
        Assert.All(invited, i => Assert.Empty(i.Links));
        Assert.Equal(2, await EmailsOfAsync(id));
    }

    [Fact]
    public async Task BySelection_InvitesOnlyThePeopleTicked()
    {
        var id = await app.InviteConsultationAsync();
        var tag = Tag();
        var people = await app.PeopleAsync(tag, new Invitee("Ada"), new Invitee("Bea"), new Invitee("Cai"));
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id));

        var plan = await PlanAsync(organiser, id, $"?tag={tag}", everyone: false, ticked: [people[0].Id, people[2].Id]);
        Assert.Equal("2", plan.QuerySelector("[data-plan-invite]")!.GetAttribute("data-plan-invite"));
        await ConfirmAsync(organiser, id, plan, expected: 2);

        var invited = await app.WithDbAsync(db => db.Invitations.Where(i => i.ConsultationId == id).Select(i => i.StakeholderId).ToListAsync());
        Assert.Equal(new[] { people[0].Id, people[2].Id }.Order(), invited.Order());
    }

    [Fact]
    public async Task ConfirmingTwice_AndTwoConfirmationsAtOnce_InviteEachPersonOnce()
    {
        var id = await app.InviteConsultationAsync();
        var tag = Tag();
        await app.PeopleAsync(tag, new Invitee("Ada"), new Invitee("Bea"), new Invitee("Cai"));
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id));
        var plan = await PlanAsync(organiser, id, $"?tag={tag}", everyone: true);

        var together = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => organiser.SubmitAsync(plan, formSelector: "#confirm-form")));
        var again = await organiser.SubmitAsync(plan, formSelector: "#confirm-form");

        var counts = together.Append(again).Select(r =>
        {
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
            return int.Parse(r.Headers.Location!.OriginalString.Split("invited=")[1], System.Globalization.CultureInfo.InvariantCulture);
        }).ToList();
        Assert.Equal([0, 0, 3], counts.Order());
        Assert.Equal(3, await app.WithDbAsync(db => db.Invitations.CountAsync(i => i.ConsultationId == id)));
        Assert.Equal(3, await app.WithDbAsync(db => db.OutboundEmails.CountAsync(e => db.Invitations.Any(i => i.Id == e.InvitationId && i.ConsultationId == id))));
        var shown = await organiser.GetPageAsync($"/organise/{id}/invitations/new?invited=0");
        Assert.Equal(Localized.Text("en", "Nobody new was invited: everyone chosen was already invited or is skipped."), shown.Text("[data-invited]"));
    }

    [Fact]
    public async Task ADraft_InvitationsWaitWithNoEmail_UntilItIsPublished_ThenOneEmailEach()
    {
        var id = await app.InviteConsultationAsync(ConsultationStatus.Draft);
        var tag = Tag();
        await app.PeopleAsync(tag, new Invitee("Ada"), new Invitee("Bea"));
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id));
        var waiting = await organiser.GetPageAsync($"/organise/{id}/invitations/new");
        Assert.NotNull(waiting.QuerySelector("[data-waits]"));

        var result = await InviteAsync(organiser, id, $"?tag={tag}", everyone: true);

        Assert.Equal(Localized.Text("en", "{0} invited; their invitation emails will go out when the consultation opens.", "2"), result.Text("[data-invited]"));
        Assert.Equal(2, await app.WithDbAsync(db => db.Invitations.CountAsync(i => i.ConsultationId == id && i.Status == InvitationStatus.Pending)));
        Assert.Equal(0, await EmailsOfAsync(id));

        var publish = await organiser.GetPageAsync($"/organise/{id}/publish");
        Assert.Equal(HttpStatusCode.Redirect, (await organiser.SubmitAsync(publish, formSelector: "main form", pagePath: $"/organise/{id}/publish")).StatusCode);
        Assert.Equal(ConsultationStatus.Open, await app.WithDbAsync(db => db.Consultations.Where(c => c.Id == id).Select(c => c.Status).SingleAsync()));
        Assert.Equal(2, await EmailsOfAsync(id));
        Assert.Equal(0, await app.WithDbAsync(db => InvitationMailing.QueueWaitingAsync(db, id, app.Clock.GetUtcNow(), CancellationToken.None)));
    }

    [Theory]
    [InlineData(ConsultationStatus.Closed, AccessMode.InvitedOnly, "This consultation is closed: nobody can be invited to it.")]
    [InlineData(ConsultationStatus.Open, AccessMode.PublicLink, "This consultation takes answers through its public link only. To invite people, change who may answer in its settings.")]
    public async Task AClosedOrPublicLinkOnlyConsultation_RefusesToInvite_InTheOrganisersLanguage(ConsultationStatus status, AccessMode access, string message)
    {
        var open = await app.InviteConsultationAsync();
        var id = await app.InviteConsultationAsync(status, access: access);
        var tag = Tag();
        await app.PeopleAsync(tag, new Invitee("Ada"));
        var email = await app.OrganiserOfAsync(id);
        await app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            db.ConsultationMembers.Add(ConsultationMember.Add(await db.Consultations.SingleAsync(c => c.Id == open), user.Id, MemberRole.Organiser, app.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        });
        var organiser = await app.SignedInAsync(email, acceptLanguage: "fr");

        var page = await organiser.GetPageAsync($"/organise/{id}/invitations/new?tag={tag}");
        Assert.Equal(Localized.Text("fr", message), page.Text("[data-refusal]"));
        // A form read while inviting was possible, posted to this consultation: the plan and the confirmation are refused.
        var openPlan = await PlanAsync(organiser, open, $"?tag={tag}", everyone: true);
        foreach (var (form, handler) in new[] { ("#confirm-form", "Invite"), ("#confirm-form", "Plan") })
        {
            var action = $"/organise/{id}/invitations/new?handler={handler}";
            var refused = await organiser.PostAsync(action, new FormUrlEncodedContent(Html.FormValues(openPlan.QuerySelector<IHtmlFormElement>(form)!)));
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains(Localized.Text("fr", message), (await Html.ParseAsync(refused)).Text("[data-error-summary]"), StringComparison.Ordinal);
        }
        Assert.Equal(0, await app.WithDbAsync(db => db.Invitations.CountAsync(i => i.ConsultationId == id)));
    }

    [Fact]
    public async Task NobodyTicked_OrOnlyIdsNotInTheRegistry_IsRefusedInWords()
    {
        var id = await app.InviteConsultationAsync();
        var tag = Tag();
        await app.PeopleAsync(tag, new Invitee("Ada"));
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id), acceptLanguage: "fr");
        var page = await organiser.GetPageAsync($"/organise/{id}/invitations/new?tag={tag}");

        var none = await Html.ParseAsync(await organiser.SubmitAsync(page, formSelector: "#choose-form", submitter: Button(page, everyone: false)));
        Assert.Contains(Localized.Text("fr", "Tick at least one person, or choose to invite everyone found."), none.Text("[data-error-summary]"), StringComparison.Ordinal);
        var unknown = await Html.ParseAsync(await organiser.SubmitAsync(page, new Dictionary<string, string[]> { ["Selected"] = [Guid.NewGuid().ToString()] },
            "#choose-form", Button(page, everyone: false)));
        Assert.Contains(Localized.Text("fr", "Nobody is chosen: the filter finds no one, or the people ticked are no longer in the registry."),
            unknown.Text("[data-error-summary]"), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Invitations.CountAsync(i => i.ConsultationId == id)));
    }

    [Fact]
    public async Task AnOrganiserOfAnotherConsultation_CannotOpenOrPostThisOnesInvitePage()
    {
        var mine = await app.InviteConsultationAsync();
        var theirs = await app.InviteConsultationAsync();
        var tag = Tag();
        await app.PeopleAsync(tag, new Invitee("Ada"));
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(mine));
        var plan = await PlanAsync(organiser, mine, $"?tag={tag}", everyone: true);

        var opened = await organiser.GetAsync($"/organise/{theirs}/invitations/new");
        var posted = await organiser.PostAsync($"/organise/{theirs}/invitations/new?handler=Invite",
            new FormUrlEncodedContent(Html.FormValues(plan.QuerySelector<IHtmlFormElement>("#confirm-form")!)));
        var tested = await organiser.PostAsync($"/organise/{theirs}/invitations/new?handler=Test",
            new FormUrlEncodedContent(Html.FormValues(plan.QuerySelector<IHtmlFormElement>("#confirm-form")!).Append(new("TestLanguage", "en"))));

        Assert.All([opened, posted, tested], r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.NotFound }));
        Assert.Equal(0, await app.WithDbAsync(db => db.Invitations.CountAsync(i => i.ConsultationId == theirs)));
    }

    [Fact]
    public async Task TheConsentSetting_IsSavedFromTheSettingsPage()
    {
        var id = await app.InviteConsultationAsync(ConsultationStatus.Draft);
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id));
        var path = $"/organise/{id}/settings";
        var page = await organiser.GetPageAsync(path);
        Assert.NotNull(page.QuerySelector("#Input_RequiresConsent[aria-describedby='consent-hint']"));

        var saved = await organiser.SubmitAsync(page, new Dictionary<string, string[]> { ["Input.RequiresConsent"] = ["true"] }, "#settings-form");

        await ResponseAssert.RedirectsTo($"{path}?saved=True", saved);
        Assert.True(await app.WithDbAsync(db => db.Consultations.Where(c => c.Id == id).Select(c => c.RequiresConsent).SingleAsync()));
    }

    [Fact]
    public async Task TenThousandPeople_AreInvitedInOnePass()
    {
        var id = await app.InviteConsultationAsync();
        var tag = Tag();
        var now = app.Clock.GetUtcNow();
        var people = Enumerable.Range(0, 10_000).Select(n => Stakeholder.Create(
            new StakeholderDetails($"Person {n:D5}", $"bulk-{n}-{tag}@example.org", null, Sector.Academia, n % 2 == 0 ? "KE" : "JP", n % 3 == 0 ? "fr" : "en") { Tags = [tag] },
            now)).ToList();
        await app.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await StakeholderCopy.InsertAsync(db, people, CancellationToken.None);
            await transaction.CommitAsync();
        });
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id));

        var list = await organiser.GetPageAsync($"/organise/{id}/invitations/new?tag={tag}");
        Assert.Equal(Localized.Text("en", "{0} people found", 10_000.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en"))), list.Text("[data-count]"));
        Assert.Equal(50, list.QuerySelectorAll("[data-invite-list] tbody tr").Length);
        Assert.Equal($"/organise/{id}/invitations/new?tag={tag}&pageNumber=2", list.QuerySelector("[data-pager] a[rel='next']")!.GetAttribute("href"));
        var plan = await PlanAsync(organiser, id, $"?tag={tag}", everyone: true);
        Assert.Equal("10000", plan.QuerySelector("[data-plan-invite]")!.GetAttribute("data-plan-invite"));
        await ConfirmAsync(organiser, id, plan, expected: 10_000);

        Assert.Equal(10_000, await app.WithDbAsync(db => db.Invitations.CountAsync(i => i.ConsultationId == id)));
        Assert.Equal(3_334, await app.WithDbAsync(db => db.Invitations.CountAsync(i => i.ConsultationId == id && i.Language == "fr")));
        Assert.Equal(10_000, await app.WithDbAsync(db => db.Database.SqlQuery<int>(
            $"SELECT count(*)::int AS \"Value\" FROM invitation_links l JOIN invitations i ON i.id = l.invitation_id WHERE i.consultation_id = {id}").SingleAsync()));
        Assert.Equal(10_000, await EmailsOfAsync(id));
    }

    internal static string Tag() => $"t{Guid.NewGuid():N}"[..12];

    private Task<int> EmailsOfAsync(Guid consultationId) =>
        app.WithDbAsync(db => db.OutboundEmails.CountAsync(e => db.Invitations.Any(i => i.Id == e.InvitationId && i.ConsultationId == consultationId)));

    internal static IHtmlButtonElement Button(IHtmlDocument page, bool everyone) =>
        page.QuerySelector<IHtmlButtonElement>($"#choose-form button[name='Everyone'][value='{(everyone ? "true" : "false")}']")!;

    /// <summary>The list at <paramref name="query"/>, then its review: everyone found, or the people ticked.</summary>
    internal static async Task<IHtmlDocument> PlanAsync(HttpClient organiser, Guid id, string query, bool everyone, IReadOnlyList<Guid>? ticked = null)
    {
        var page = await organiser.GetPageAsync($"/organise/{id}/invitations/new{query}");
        var answers = new Dictionary<string, string[]>();
        if (ticked is not null)
            answers["Selected"] = [.. ticked.Select(t => t.ToString())];
        var response = await organiser.SubmitAsync(page, answers, "#choose-form", Button(page, everyone));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var plan = await Html.ParseAsync(response);
        Assert.True(plan.QuerySelector("[data-plan]") is not null, plan.QuerySelector("[data-error-summary]")?.TextContent ?? "No plan shown.");
        return plan;
    }

    internal static async Task<IHtmlDocument> ConfirmAsync(HttpClient organiser, Guid id, IHtmlDocument plan, int expected)
    {
        var response = await organiser.SubmitAsync(plan, formSelector: "#confirm-form");
        await ResponseAssert.RedirectsTo($"/organise/{id}/invitations/new?invited={expected}", response);
        return await organiser.GetPageAsync(response.Headers.Location!.OriginalString);
    }

    internal static async Task<IHtmlDocument> InviteAsync(HttpClient organiser, Guid id, string query, bool everyone)
    {
        var plan = await PlanAsync(organiser, id, query, everyone);
        var count = int.Parse(plan.QuerySelector("[data-plan-invite]")!.GetAttribute("data-plan-invite")!, System.Globalization.CultureInfo.InvariantCulture);
        return await ConfirmAsync(organiser, id, plan, count);
    }
}

/// <summary>A registry entry to arrange, with valid defaults.</summary>
internal sealed record Invitee(string Name, Sector Sector = Sector.Academia, string Country = "KE", string Language = "en", bool Consent = true, bool NeverEmail = false);

/// <summary>Consultations and registry entries for the invite page's tests.</summary>
internal static class InviteArrangements
{
    /// <summary>A one-question consultation in English and French, open unless asked otherwise.</summary>
    public static async Task<Guid> InviteConsultationAsync(this AppFactory app, ConsultationStatus status = ConsultationStatus.Open,
        bool requiresConsent = false, AccessMode access = AccessMode.InvitedOnly, bool anonymous = false)
    {
        var now = app.Clock.GetUtcNow();
        var c = Consultation.Create($"invite-{Guid.NewGuid():N}"[..20], "en", ["en", "fr"], access, anonymous, 5, now);
        void Text(string key, TextField field, string en, string fr)
        {
            c.SetText(key, field, "en", en);
            c.SetText(key, field, "fr", fr);
        }
        Text(ElementKey.Consultation, TextField.Title, "Water for everyone", "L’eau pour tous");
        var section = c.AddSection("views");
        Text(ElementKey.Section("views"), TextField.Title, "Your views", "Vos avis");
        section.AddQuestion(c, "view", QuestionType.LongText, true);
        Text(ElementKey.Question("view"), TextField.Label, "Your view", "Votre avis");
        c.RequireConsent(requiresConsent);
        if (status != ConsultationStatus.Draft)
        {
            if (status == ConsultationStatus.Scheduled)
                c.Schedule(now.AddDays(1), null);
            c.Publish(now);
            if (status == ConsultationStatus.Closed)
                c.Close(now);
        }
        await app.WithDbAsync(async db =>
        {
            db.Consultations.Add(c);
            await db.SaveChangesAsync();
        });
        return c.Id;
    }

    /// <summary>Registry entries carrying <paramref name="tag"/>, in the order given.</summary>
    public static async Task<List<Stakeholder>> PeopleAsync(this AppFactory app, string tag, params Invitee[] people)
    {
        var now = app.Clock.GetUtcNow();
        var created = people.Select(p => Stakeholder.Create(new StakeholderDetails(p.Name, $"{p.Name.Replace(' ', '.').ToLowerInvariant()}-{Guid.NewGuid():N}@example.org",
            "Institute", p.Sector, p.Country, p.Language) { Tags = [tag], ConsentGiven = p.Consent, ConsentDate = p.Consent ? DateOnly.FromDateTime(now.UtcDateTime) : null, NeverEmail = p.NeverEmail }, now)).ToList();
        await app.WithDbAsync(async db =>
        {
            db.Stakeholders.AddRange(created);
            await db.SaveChangesAsync();
        });
        return created;
    }
}
