namespace Consultation.Tests.Pages.Organise.Team;

using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Consultation.Tests.Support;
using Consultation.Web.Data;
using Consultation.Web.Demo;
using Consultation.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>Organisers add, change and remove the members of their consultation's team, through the page.</summary>
public sealed class TeamPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Add_AnAnalystByEmail_PutsThemOnTheTeam_WithoutAPlatformRole_AndTheAnalyseListFollows()
    {
        var (organiser, id, path) = await NewConsultationAsync();
        var person = await app.CreateStaffAsync(StaffRoles.Translator);

        await ResponseAssert.RedirectsTo(Added(path, person), await AddAsync(organiser, path, person, "Analyst"));

        var member = await MemberAsync(id, person);
        Assert.Equal(MemberRole.Analyst, member!.Role);
        Assert.Equal([StaffRoles.Translator], await PlatformRolesAsync(person));
        Assert.Contains(person, (await organiser.GetPageAsync(path)).Text("[data-team]"), StringComparison.Ordinal);
        Assert.Equal(1, await AuditCountAsync(AuditActions.MemberAdded, id));

        // The new analyst reaches the consultation's results, and the list the staff menu links to, by membership alone.
        var analyst = await app.SignedInAsync(person);
        var start = await analyst.GetPageAsync("/staff");
        Assert.NotNull(start.QuerySelector("nav.staff-nav a[href='/analyse']"));
        Assert.Null(start.QuerySelector("nav.staff-nav a[href='/organise']"));
        Assert.NotNull((await analyst.GetPageAsync("/analyse")).QuerySelector($"a[href='/analyse/{id}']"));
        Assert.NotEqual(HttpStatusCode.Forbidden, (await analyst.GetAsync($"/analyse/{id}")).StatusCode);
    }

    [Fact]
    public async Task AddAsOrganiser_ThenRemove_NeverMakesThePersonAPlatformOrganiser()
    {
        var (organiser, id, path) = await NewConsultationAsync();
        var person = await app.CreateStaffAsync(StaffRoles.Translator);
        var translator = await app.SignedInAsync(person);

        var added = await AddAsync(organiser, path, person, "Organiser");

        Assert.Equal([StaffRoles.Translator], await PlatformRolesAsync(person));
        await ResponseAssert.RedirectsTo(Added(path, person), added);
        // Organiser of this consultation: it is in their "Organise" list and menu, but creating consultations is not theirs.
        Assert.NotNull((await translator.GetPageAsync("/staff")).QuerySelector("nav.staff-nav a[href='/organise']"));
        var list = await translator.GetPageAsync("/organise");
        Assert.NotNull(list.QuerySelector($"a[href='/organise/{id}']"));
        Assert.Null(list.QuerySelector("a[href='/organise/new']"));
        Assert.Equal(HttpStatusCode.OK, (await translator.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await translator.GetAsync("/organise/new")).StatusCode);

        await ResponseAssert.RedirectsTo(path, await RemoveAsync(organiser, path, person));

        Assert.Equal([StaffRoles.Translator], await PlatformRolesAsync(person));
        Assert.Null((await translator.GetPageAsync("/staff")).QuerySelector("nav.staff-nav a[href='/organise']"));
        Assert.Equal(HttpStatusCode.Forbidden, (await translator.GetAsync("/organise")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await translator.GetAsync("/organise/new")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await translator.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Add_AnAddressWithoutAnAccount_OrADisabledOne_AnswersExactlyAsForAnAccount()
    {
        var (organiser, id, path) = await NewConsultationAsync("fr");
        var existing = await app.CreateStaffAsync(StaffRoles.Analyst);
        var disabled = await app.CreateStaffAsync(StaffRoles.Analyst);
        await app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == disabled);
            user.LockoutEnabled = true;
            user.LockoutEnd = StaffUser.DisabledUntil;
            await db.SaveChangesAsync();
        });

        var answers = new Dictionary<string, HttpResponseMessage>();
        foreach (var email in new[] { existing, "nobody-here@example.org", disabled })
            answers[email] = await AddAsync(organiser, path, email, "Analyst");

        foreach (var (email, answer) in answers)
        {
            await ResponseAssert.RedirectsTo(Added(path, email), answer);
            var notice = (await organiser.GetPageAsync(answer.Headers.Location!.OriginalString)).Text("[data-added]");
            Assert.Equal(Localized.Text("fr", "If {0} has a staff account, they are now on the team. If they are not in the list below, an administrator can invite them or re-enable their account.", email), notice);
        }
        Assert.NotNull(await MemberAsync(id, existing));
        Assert.Null(await MemberAsync(id, disabled));
        Assert.Equal(2, await app.WithDbAsync(db => db.ConsultationMembers.CountAsync(m => m.ConsultationId == id)));
    }

    [Fact]
    public async Task Add_ATranslator_KeepsOnlyOfferedLanguages_AndRefusesOthers()
    {
        var (organiser, id, path) = await NewConsultationAsync();
        var person = await app.CreateStaffAsync(StaffRoles.Translator);

        var page = await organiser.GetPageAsync(path);
        var offered = page.QuerySelectorAll<IHtmlInputElement>("#add-member input[name='Member.Languages']").Select(i => i.Value).ToList();
        Assert.Equal(["en", "fr", "sw"], offered);

        var refused = await AddAsync(organiser, path, person, "Translator", "de");
        Assert.Contains(Localized.Text("en", "This consultation is not offered in {0}. Choose among its languages.", "de"),
            (await Html.ParseAsync(refused)).Text("[data-error-summary]"), StringComparison.Ordinal);
        var none = await AddAsync(organiser, path, person, "Translator");
        Assert.Contains(Localized.Text("en", "Choose at least one language for a translator."), (await Html.ParseAsync(none)).Text("[data-error-summary]"), StringComparison.Ordinal);
        Assert.Null(await MemberAsync(id, person));

        await ResponseAssert.RedirectsTo(Added(path, person), await AddAsync(organiser, path, person, "Translator", "fr", "sw"));
        var member = await MemberAsync(id, person);
        Assert.Equal(MemberRole.Translator, member!.Role);
        Assert.Equal(["fr", "sw"], member.Languages);
    }

    [Fact]
    public async Task Change_ATranslatorsLanguagesAndThenRole_ReplacesTheMembership_AndAudits()
    {
        var (organiser, id, path) = await NewConsultationAsync();
        var person = await app.CreateStaffAsync(StaffRoles.Translator);
        await ResponseAssert.RedirectsTo(Added(path, person), await AddAsync(organiser, path, person, "Translator", "fr"));

        await ResponseAssert.RedirectsTo(path, await ChangeAsync(organiser, path, person, "Translator", "sw", "en"));
        Assert.Equal(["sw", "en"], (await MemberAsync(id, person))!.Languages);

        await ResponseAssert.RedirectsTo(path, await ChangeAsync(organiser, path, person, "Organiser", "fr"));
        var member = await MemberAsync(id, person);
        Assert.Equal(MemberRole.Organiser, member!.Role);
        Assert.Empty(member.Languages);
        Assert.Equal([StaffRoles.Translator], await PlatformRolesAsync(person));
        Assert.Equal(2, await AuditCountAsync(AuditActions.MemberChanged, id));
    }

    [Fact]
    public async Task Remove_AMember_TakesThemOffTheTeam_AndTheirAccessToIt()
    {
        var (organiser, id, path) = await NewConsultationAsync();
        var person = await app.CreateStaffAsync(StaffRoles.Organiser);
        await ResponseAssert.RedirectsTo(Added(path, person), await AddAsync(organiser, path, person, "Organiser"));
        var other = await app.SignedInAsync(person);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync(path)).StatusCode);

        await ResponseAssert.RedirectsTo(path, await RemoveAsync(organiser, path, person));

        Assert.Null(await MemberAsync(id, person));
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync(path)).StatusCode);
        Assert.Equal(1, await AuditCountAsync(AuditActions.MemberRemoved, id));
    }

    [Fact]
    public async Task Remove_TheLastOrganiser_IsRefused_AndSoIsChangingTheirRole()
    {
        var (organiser, id, path) = await NewConsultationAsync("ja");
        var email = await OrganiserEmailAsync(id);

        var removal = await RemoveAsync(organiser, path, email);
        Assert.Equal(HttpStatusCode.OK, removal.StatusCode);
        Assert.Contains(Localized.Text("ja", "A consultation needs at least one organiser. Add another organiser before removing this one."),
            (await Html.ParseAsync(removal)).Text("[data-error-summary]"), StringComparison.Ordinal);

        var demotion = await ChangeAsync(organiser, path, email, "Analyst");
        Assert.Contains(Localized.Text("ja", "A consultation needs at least one organiser. Add another organiser before changing this one's role."),
            (await Html.ParseAsync(demotion)).Text("[data-error-summary]"), StringComparison.Ordinal);
        Assert.Equal(MemberRole.Organiser, (await MemberAsync(id, email))!.Role);
        Assert.Equal(0, await AuditCountAsync(AuditActions.MemberRemoved, id));
    }

    [Fact]
    public async Task Change_FromAPageReadBeforeAnotherOrganisersChange_IsRefusedWithAMessage_AndKeepsTheirs()
    {
        var (first, id, path) = await NewConsultationAsync("ko");
        var secondEmail = await app.CreateStaffAsync(StaffRoles.Organiser);
        await ResponseAssert.RedirectsTo(Added(path, secondEmail), await AddAsync(first, path, secondEmail, "Organiser"));
        var second = await app.SignedInAsync(secondEmail, acceptLanguage: "ko");
        var person = await app.CreateStaffAsync(StaffRoles.Translator);
        await ResponseAssert.RedirectsTo(Added(path, person), await AddAsync(first, path, person, "Translator", "fr"));

        // Both organisers have the page open; the first changes the translator's languages, then the second, from the older page.
        var firstPage = await first.GetPageAsync(path);
        var secondPage = await second.GetPageAsync(path);
        await ResponseAssert.RedirectsTo(path, await first.SubmitAsync(firstPage, Fields("Translator", "sw"), $"form[data-change='{person}']", pagePath: path));
        var refused = await second.SubmitAsync(secondPage, Fields("Analyst"), $"form[data-change='{person}']", pagePath: path);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(Localized.Text("ko", "Someone else changed this team member at the same time. The list below shows the team as it is now; make your change again if it is still needed."),
            (await Html.ParseAsync(refused)).Text("[data-error-summary]"), StringComparison.Ordinal);
        var member = await MemberAsync(id, person);
        Assert.Equal(MemberRole.Translator, member!.Role);
        Assert.Equal(["sw"], member.Languages);

        // Removing from the stale page is refused too.
        var staleRemoval = await second.SubmitAsync(secondPage, formSelector: $"form[data-remove='{person}']", pagePath: path);
        Assert.Equal(HttpStatusCode.OK, staleRemoval.StatusCode);
        Assert.NotNull(await MemberAsync(id, person));
    }

    [Fact]
    public async Task Remove_ByTwoOrganisersOfEachOtherAtOnce_LeavesOneOrganiser()
    {
        var (first, id, path) = await NewConsultationAsync();
        var firstEmail = await OrganiserEmailAsync(id);
        var secondEmail = await app.CreateStaffAsync(StaffRoles.Organiser);
        await ResponseAssert.RedirectsTo(Added(path, secondEmail), await AddAsync(first, path, secondEmail, "Organiser"));
        var second = await app.SignedInAsync(secondEmail);
        var firstPage = await first.GetPageAsync(path);
        var secondPage = await second.GetPageAsync(path);

        var results = await Task.WhenAll(
            first.SubmitAsync(firstPage, formSelector: $"form[data-remove='{secondEmail}']", pagePath: path),
            second.SubmitAsync(secondPage, formSelector: $"form[data-remove='{firstEmail}']", pagePath: path));

        // The other is refused: in words when it waited for the lock, or with 403 when it arrived after its sender left the team.
        Assert.Single(results, r => r.StatusCode == HttpStatusCode.Redirect);
        Assert.Single(results, r => r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Forbidden);
        Assert.Equal(1, await app.WithDbAsync(db => db.ConsultationMembers.CountAsync(m => m.ConsultationId == id && m.Role == MemberRole.Organiser)));
    }

    [Fact]
    public async Task TeamPage_OfAConsultationTheOrganiserIsNotOn_IsForbidden_EvenForChanges()
    {
        var (_, id, path) = await NewConsultationAsync();
        var outsider = await app.SignedInAsync(await app.CreateStaffAsync(StaffRoles.Organiser));
        var demoOrganiser = await app.SignedInAsync(DemoSeeder.OrganiserEmail);

        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await demoOrganiser.GetAsync(path)).StatusCode);
        // A page of the organiser's own consultation gives them a form whose token works; posting it at another consultation is still refused.
        var demoId = await app.WithDbAsync(db => db.Consultations.Where(c => c.Slug == DemoSeeder.Slug).Select(c => c.Id).SingleAsync());
        var own = await demoOrganiser.GetPageAsync($"/organise/{demoId}/team");
        var form = own.QuerySelector<IHtmlFormElement>("#add-member")!;
        var values = Html.FormValues(form, new Dictionary<string, string[]> { ["Member.Email"] = [DemoSeeder.OrganiserEmail], ["Member.Role"] = ["Organiser"] });
        var post = await demoOrganiser.PostAsync($"{path}?handler=Add", new FormUrlEncodedContent(values));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Null(await MemberAsync(id, DemoSeeder.OrganiserEmail));

        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignedInAsync(DemoSeeder.AdminEmail)).GetAsync($"/organise/{Guid.NewGuid()}/team")).StatusCode);
    }

    private static string Added(string path, string email) => $"{path}?added={email}";

    private static Dictionary<string, string[]> Fields(string role, params string[] languages) =>
        new() { ["Member.Role"] = [role], ["Member.Languages"] = languages };

    private static async Task<HttpResponseMessage> AddAsync(HttpClient client, string path, string email, string role, params string[] languages)
    {
        var page = await client.GetPageAsync(path);
        var fields = Fields(role, languages);
        fields["Member.Email"] = [email];
        return await client.SubmitAsync(page, fields, "#add-member", pagePath: path);
    }

    private static async Task<HttpResponseMessage> ChangeAsync(HttpClient client, string path, string email, string role, params string[] languages) =>
        await client.SubmitAsync(await client.GetPageAsync(path), Fields(role, languages), $"form[data-change='{email}']", pagePath: path);

    private static async Task<HttpResponseMessage> RemoveAsync(HttpClient client, string path, string email) =>
        await client.SubmitAsync(await client.GetPageAsync(path), formSelector: $"form[data-remove='{email}']", pagePath: path);

    /// <summary>A consultation of its own (offered in en, fr and sw) with one organiser, signed in.</summary>
    private async Task<(HttpClient Organiser, Guid Id, string Path)> NewConsultationAsync(string language = "en")
    {
        var email = await app.CreateStaffAsync(StaffRoles.Organiser);
        var id = await app.WithDbAsync(async db =>
        {
            var consultation = Consultation.Create($"team-{Guid.NewGuid():N}"[..20], "en", ["en", "fr", "sw"],
                AccessMode.PublicLink, false, 5, app.Clock.GetUtcNow());
            var user = await db.Users.SingleAsync(u => u.Email == email);
            db.Consultations.Add(consultation);
            db.ConsultationMembers.Add(ConsultationMember.Add(consultation, user.Id, MemberRole.Organiser, app.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
            return consultation.Id;
        });
        return (await app.SignedInAsync(email, acceptLanguage: language), id, $"/organise/{id}/team");
    }

    private Task<string> OrganiserEmailAsync(Guid id) => app.WithDbAsync(db =>
        (from m in db.ConsultationMembers join u in db.Users on m.UserId equals u.Id
         where m.ConsultationId == id && m.Role == MemberRole.Organiser select u.Email!).SingleAsync());

    private Task<ConsultationMember?> MemberAsync(Guid id, string email) => app.WithDbAsync(db =>
        (from m in db.ConsultationMembers join u in db.Users on m.UserId equals u.Id
         where m.ConsultationId == id && u.Email == email select m).AsNoTracking().SingleOrDefaultAsync());

    private async Task<IList<string>> PlatformRolesAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        return await users.GetRolesAsync((await users.FindByEmailAsync(email))!);
    }

    private Task<int> AuditCountAsync(string action, Guid id) => app.WithDbAsync(db =>
        db.AuditEvents.CountAsync(e => e.Action == action && e.ObjectId!.StartsWith(id.ToString())));
}
