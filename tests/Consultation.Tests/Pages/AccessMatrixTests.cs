namespace Consultation.Tests.Pages;

using System.Net;
using Consultation.Tests.Support;
using Consultation.Web.Data;
using Consultation.Web.Demo;
using Consultation.Web.Domain;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Every page handler in the route table, against anonymous visitors, each role, and members and non-members
/// of a consultation. A page missing from <see cref="Rules"/> fails the test: each page's access is a decision.
/// </summary>
public sealed class AccessMatrixTests(AccessMatrixTests.People people) : IClassFixture<AccessMatrixTests.People>
{
    public enum Access { Anyone, Staff, Admin, Creators, Organisers, Analysts, ConsultationOrganisers, ConsultationAnalysts, ConsultationMembers, ConsultationTranslators }

    /// <summary>
    /// <see cref="Person.TeamOrganiser"/> has no platform role: an organiser of the demo consultation by membership alone.
    /// </summary>
    public enum Person { Anonymous, Admin, Organiser, OrganiserOutsider, TeamOrganiser, Analyst, AnalystOutsider, Translator }

    private static readonly Dictionary<string, Access> Rules = new()
    {
        [""] = Access.Anyone,
        ["Index"] = Access.Anyone,
        ["c/{slug}"] = Access.Anyone,
        ["c/{slug}/answer/{section:int?}"] = Access.Anyone,
        ["c/{slug}/review"] = Access.Anyone,
        ["c/{slug}/thank-you"] = Access.Anyone,
        ["c/{slug}/my-answers"] = Access.Anyone,
        ["c/{slug}/print"] = Access.Anyone,
        // A resume link is a public link's own: whoever holds it (an unknown one is "not found" for everyone).
        ["c/{slug}/resume/{resume}"] = Access.Anyone,
        ["c/{slug}/resume/{resume}/answer/{section:int?}"] = Access.Anyone,
        ["c/{slug}/resume/{resume}/review"] = Access.Anyone,
        ["c/{slug}/resume/{resume}/thank-you"] = Access.Anyone,
        ["c/{slug}/resume/{resume}/my-answers"] = Access.Anyone,
        ["r/{token}"] = Access.Anyone,
        ["r/{token}/answer/{section:int?}"] = Access.Anyone,
        ["r/{token}/review"] = Access.Anyone,
        ["r/{token}/thank-you"] = Access.Anyone,
        ["r/{token}/my-answers"] = Access.Anyone,
        ["r/{token}/print"] = Access.Anyone,
        ["r/{token}/decline"] = Access.Anyone,
        ["r/{token}/opt-out"] = Access.Anyone,
        ["status/{code:int}"] = Access.Anyone,
        ["account/sign-in"] = Access.Anyone,
        ["account/set-password"] = Access.Anyone,
        ["account/sign-out"] = Access.Staff,
        ["account/password"] = Access.Staff,
        ["staff"] = Access.Staff,
        ["organise"] = Access.Organisers,
        ["organise/{consultationId:guid}"] = Access.ConsultationOrganisers,
        ["organise/{consultationId:guid}/questionnaire"] = Access.ConsultationOrganisers,
        ["organise/{consultationId:guid}/sections/{code}"] = Access.ConsultationOrganisers,
        ["organise/{consultationId:guid}/questions/{code}"] = Access.ConsultationOrganisers,
        ["organise/{consultationId:guid}/team"] = Access.ConsultationOrganisers,
        ["organise/{consultationId:guid}/publish"] = Access.ConsultationOrganisers,
        ["organise/new"] = Access.Creators,
        ["organise/{consultationId:guid}/settings"] = Access.ConsultationOrganisers,
        ["organise/{consultationId:guid}/emails"] = Access.ConsultationOrganisers,
        ["organise/{consultationId:guid}/invitations/new"] = Access.ConsultationOrganisers,
        ["organise/{consultationId:guid}/preview"] = Access.ConsultationMembers,
        ["organise/{consultationId:guid}/test-responses"] = Access.ConsultationOrganisers,
        ["organise/{consultationId:guid}/translations"] = Access.ConsultationTranslators,
        // {language} is the translator's own language here; TranslationPageTests checks the others are refused.
        ["organise/{consultationId:guid}/translations/{language}"] = Access.ConsultationTranslators,
        ["organise/{consultationId:guid}/history"] = Access.ConsultationOrganisers,
        // Its handlers too (Resend, Revoke, CopyLink): each acts on one of the consultation's invitations.
        ["organise/{consultationId:guid}/invitations"] = Access.ConsultationOrganisers,
        // The registry is every consultation's: platform organisers and admins, not organisers by membership alone.
        ["organise/stakeholders"] = Access.Creators,
        ["organise/stakeholders/new"] = Access.Creators,
        ["organise/stakeholders/{stakeholderId:guid}"] = Access.Creators,
        ["organise/stakeholders/{stakeholderId:guid}/merge"] = Access.Creators,
        // The import's steps: the folder's rule; an import id that is not the person's own is "not found".
        ["organise/stakeholders/import"] = Access.Creators,
        ["organise/stakeholders/import/{importId:guid}"] = Access.Creators,
        ["organise/stakeholders/import/{importId:guid}/preview"] = Access.Creators,
        ["organise/stakeholders/import/{importId:guid}/result"] = Access.Creators,
        ["analyse"] = Access.Analysts,
        ["analyse/{consultationId:guid}"] = Access.ConsultationAnalysts,
        ["admin"] = Access.Admin,
        ["admin/audit"] = Access.Admin,
        ["admin/mailbox"] = Access.Admin,
        ["admin/users"] = Access.Admin,
        ["admin/users/{userId:guid}"] = Access.Admin,
    };

    private static bool MayEnter(Access access, Person person) => access switch
    {
        Access.Anyone => true,
        Access.Staff => person != Person.Anonymous,
        Access.Admin => person == Person.Admin,
        Access.Creators => person is Person.Admin or Person.Organiser or Person.OrganiserOutsider,
        Access.Organisers => person is Person.Admin or Person.Organiser or Person.OrganiserOutsider or Person.TeamOrganiser,
        Access.Analysts => person is Person.Admin or Person.Analyst or Person.AnalystOutsider,
        Access.ConsultationOrganisers => person is Person.Admin or Person.Organiser or Person.TeamOrganiser,
        Access.ConsultationAnalysts => person is Person.Admin or Person.Organiser or Person.TeamOrganiser or Person.Analyst,
        Access.ConsultationMembers => person is Person.Admin or Person.Organiser or Person.TeamOrganiser or Person.Analyst or Person.Translator,
        Access.ConsultationTranslators => person is Person.Admin or Person.Organiser or Person.TeamOrganiser or Person.Translator,
        _ => false,
    };

    [Fact]
    public async Task EveryPageHandler_LetsInExactlyThoseItsRuleNames()
    {
        var handlers = await PageHandlersAsync();
        var unruled = handlers.Select(h => h.Route).Distinct().Where(r => !Rules.ContainsKey(r)).ToList();
        Assert.True(unruled.Count == 0, "Pages with no deliberate access rule in AccessMatrixTests.Rules:\n" + string.Join("\n", unruled));
        var stale = Rules.Keys.Except(handlers.Select(h => h.Route)).ToList();
        Assert.True(stale.Count == 0, "Rules for pages that no longer exist:\n" + string.Join("\n", stale));

        var wrong = new List<string>();
        foreach (var (route, method, handler) in handlers)
        {
            foreach (var person in Enum.GetValues<Person>())
            {
                var response = await people.RequestAsync(person, method, people.Url(route, handler));
                var entered = response.StatusCode != HttpStatusCode.Forbidden && !IsSentToSignIn(response);
                if ((int)response.StatusCode >= 500 || entered != MayEnter(Rules[route], person))
                    wrong.Add($"{method} /{route}{(handler is null ? "" : $"?handler={handler}")} as {person}: {(int)response.StatusCode} {response.Headers.Location}");
            }
        }
        Assert.True(wrong.Count == 0, "Access differs from the rules:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public async Task JobDashboard_IsForAdminsOnly()
    {
        foreach (var person in Enum.GetValues<Person>())
        {
            var response = await people.RequestAsync(person, HttpMethod.Get, "/admin/jobs");
            if (person == Person.Admin)
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            else if (person == Person.Anonymous)
                Assert.True(IsSentToSignIn(response), $"Anonymous: {(int)response.StatusCode}");
            else
                Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }

    [Fact]
    public async Task HealthChecks_AnswerAnonymousVisitors()
    {
        Assert.Equal(HttpStatusCode.OK, (await people.RequestAsync(Person.Anonymous, HttpMethod.Get, "/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await people.RequestAsync(Person.Anonymous, HttpMethod.Get, "/health/live")).StatusCode);
    }

    private static bool IsSentToSignIn(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect
        && response.Headers.Location?.ToString().Contains(Staff.SignInPath + "?", StringComparison.Ordinal) == true;

    private async Task<List<(string Route, HttpMethod Method, string? Handler)>> PageHandlersAsync()
    {
        var services = people.App.Services;
        var loader = services.GetRequiredService<PageLoader>();
        var result = new List<(string, HttpMethod, string?)>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not { } page)
                continue;
            var compiled = await loader.LoadAsync(page, endpoint.Metadata);
            var route = endpoint.RoutePattern.RawText ?? "";
            if (compiled.HandlerMethods.Count == 0)
                result.Add((route, HttpMethod.Get, null));
            foreach (var handler in compiled.HandlerMethods)
                result.Add((route, new HttpMethod(handler.HttpMethod.ToUpperInvariant()), handler.Name));
        }
        return result.Distinct().ToList();
    }

    /// <summary>The app with the demo, and one signed-in client per kind of person.</summary>
    public sealed class People : IAsyncLifetime
    {
        private readonly Dictionary<Person, HttpClient> _clients = [];

        public AppFactory App { get; } = new();
        public string Token { get; private set; } = "";
        public Guid ConsultationId { get; private set; }
        public Guid AccountId { get; private set; }
        public Guid StakeholderId { get; private set; }

        public async Task InitializeAsync()
        {
            var demo = await App.DemoAsync();
            Token = demo.PersonalLinks[0].Path["/r/".Length..];
            ConsultationId = await App.WithDbAsync(db => db.Consultations.Where(c => c.Slug == DemoSeeder.Slug).Select(c => c.Id).SingleAsync());
            AccountId = await App.WithDbAsync(db => db.Users.Where(u => u.Email == DemoSeeder.AnalystEmail).Select(u => u.Id).SingleAsync());
            StakeholderId = await App.WithDbAsync(db => db.Stakeholders.OrderBy(s => s.Name).Select(s => s.Id).FirstAsync());
            _clients[Person.Anonymous] = App.Respondent();
            _clients[Person.Admin] = await App.SignedInAsync(DemoSeeder.AdminEmail);
            _clients[Person.Organiser] = await App.SignedInAsync(DemoSeeder.OrganiserEmail);
            _clients[Person.Analyst] = await App.SignedInAsync(DemoSeeder.AnalystEmail);
            _clients[Person.OrganiserOutsider] = await App.SignedInAsync(await App.CreateStaffAsync(StaffRoles.Organiser));
            _clients[Person.TeamOrganiser] = await App.SignedInAsync(await App.CreateStaffAsync(null, MemberRole.Organiser));
            _clients[Person.AnalystOutsider] = await App.SignedInAsync(await App.CreateStaffAsync(StaffRoles.Analyst));
            _clients[Person.Translator] = await App.SignedInAsync(await App.CreateStaffAsync(StaffRoles.Translator, MemberRole.Translator, "fr"));
        }

        public string Url(string route, string? handler)
        {
            var path = "/" + route.Replace("{slug}", DemoSeeder.Slug, StringComparison.Ordinal)
                .Replace("{token}", Token, StringComparison.Ordinal)
                .Replace("{consultationId:guid}", ConsultationId.ToString(), StringComparison.Ordinal)
                .Replace("{userId:guid}", AccountId.ToString(), StringComparison.Ordinal)
                .Replace("{stakeholderId:guid}", StakeholderId.ToString(), StringComparison.Ordinal)
                .Replace("{importId:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
                .Replace("{code:int}", "404", StringComparison.Ordinal)
                .Replace("{section:int?}", "1", StringComparison.Ordinal)
                .Replace("{resume}", Token, StringComparison.Ordinal)
                .Replace("{language}", "fr", StringComparison.Ordinal)
                .Replace("{code}", "respondent_type", StringComparison.Ordinal);
            return handler is null ? path : $"{path}?handler={handler}";
        }

        public Task<HttpResponseMessage> RequestAsync(Person person, HttpMethod method, string url)
        {
            var request = new HttpRequestMessage(method, url);
            if (method == HttpMethod.Post)
                request.Content = new FormUrlEncodedContent([]);
            return _clients[person].SendAsync(request);
        }

        public async Task DisposeAsync() => await App.DisposeAsync();
    }
}
