namespace Consultation.Tests.Pages.Organise.Stakeholders;

using AngleSharp.Dom;
using Consultation.Tests.Support;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;

/// <summary>The registry's list: search, filters, sorts and pages, all in the address.</summary>
public sealed class StakeholdersPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task List_OfTenThousandPeople_ShowsPageTwoAndTheLastPage_InNameOrder()
    {
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""
            INSERT INTO stakeholders (id, name, email, normalised_email, sector, preferred_language, tags, created_at)
            SELECT gen_random_uuid(), 'Bulk ' || lpad(n::text, 5, '0'), 'bulk-' || n || '@example.org', 'bulk-' || n || '@example.org',
                   'Other', 'en', ARRAY['bulk'], now()
            FROM generate_series(1, 10000) AS n
            """));
        var organiser = await app.SignedInAsync(await app.CreateStaffAsync(StaffRoles.Organiser));

        var first = await organiser.GetPageAsync("/organise/stakeholders?tag=bulk");
        Assert.Equal("10,000 people found", first.Text("[data-count]"));
        Assert.Equal("Bulk 00001", Names(first)[0]);
        Assert.Equal(50, Names(first).Count);

        var second = await organiser.GetPageAsync("/organise/stakeholders?tag=bulk&sort=name&pageNumber=2");
        Assert.Equal("Bulk 00051", Names(second)[0]);
        Assert.Equal("Page 2 of 200", second.Text("[data-pager] p"));

        var lastLink = second.QuerySelectorAll("[data-pager] a").Single(a => a.TextContent == "Last").GetAttribute("href")!;
        Assert.Contains("tag=bulk", lastLink, StringComparison.Ordinal);
        var last = await organiser.GetPageAsync(lastLink);
        Assert.Equal("Bulk 10000", Names(last)[^1]);
        Assert.Equal("Bulk 09951", Names(last)[0]);
    }

    [Fact]
    public async Task List_SearchesAndFilters_ByEveryDetail_AndSorts()
    {
        var tag = $"filters-{Guid.NewGuid():N}"[..20];
        await AddAsync(tag, "김민준", "minjun@example.org", "서울 디지털 권리 포럼", Sector.CivilSociety, "KR", "ko", consent: true);
        await AddAsync(tag, "Amina Odhiambo", "amina@example.org", "Nairobi 100% Policy", Sector.Government, "KE", "sw", neverEmail: true);
        await AddAsync(tag, "Zoë Martin", "zoe@EXAMPLE.org", "Lab_One", Sector.Academia, "FR", "fr", consent: true);
        var organiser = await app.SignedInAsync(await app.CreateStaffAsync(StaffRoles.Organiser));
        async Task<List<string>> Find(string query) => Names(await organiser.GetPageAsync($"/organise/stakeholders?tag={tag}&{query}"));

        Assert.Equal(["Amina Odhiambo", "Zoë Martin", "김민준"], await Find("sort=name"));
        Assert.Equal(["Amina Odhiambo"], await Find("q=100%25"));
        Assert.Equal(["Zoë Martin"], await Find("q=lab_"));
        Assert.Equal(["Zoë Martin"], await Find("q=ZOE@example"));
        Assert.Equal(["김민준"], await Find("q=" + Uri.EscapeDataString("디지털")));
        Assert.Equal(["Amina Odhiambo"], await Find("sector=Government"));
        Assert.Equal(["김민준"], await Find("country=KR"));
        Assert.Equal(["Zoë Martin"], await Find("language=fr"));
        Assert.Equal(["Zoë Martin", "김민준"], await Find("consent=true&sort=name"));
        Assert.Equal(["Amina Odhiambo"], await Find("neverEmail=true"));
        Assert.Equal(["Zoë Martin", "Amina Odhiambo", "김민준"], await Find("sort=country"));
        Assert.Equal(["Zoë Martin", "Amina Odhiambo", "김민준"], await Find("sort=organisation"));
    }

    [Fact]
    public async Task StaffMenu_LinksToTheRegistry_ForPlatformOrganisersOnly()
    {
        var organiser = await app.SignedInAsync(await app.CreateStaffAsync(StaffRoles.Organiser));
        var analyst = await app.SignedInAsync(await app.CreateStaffAsync(StaffRoles.Analyst));

        Assert.NotNull((await organiser.GetPageAsync("/staff")).QuerySelector("nav.staff-nav a[href='/organise/stakeholders']"));
        Assert.Null((await analyst.GetPageAsync("/staff")).QuerySelector("nav.staff-nav a[href='/organise/stakeholders']"));
    }

    private static List<string> Names(IParentNode page) =>
        [.. page.QuerySelectorAll("[data-registry] tbody tr td:first-child").Select(td => td.TextContent.Trim())];

    private Task AddAsync(string tag, string name, string email, string organisation, Sector sector, string country, string language,
        bool consent = false, bool neverEmail = false) => app.WithDbAsync(async db =>
    {
        db.Stakeholders.Add(Stakeholder.Create(new StakeholderDetails(name, email, organisation, sector, country, language)
        {
            Tags = [tag],
            ConsentGiven = consent,
            ConsentDate = consent ? new DateOnly(2026, 11, 1) : null,
            NeverEmail = neverEmail,
        }, app.Clock.GetUtcNow()));
        await db.SaveChangesAsync();
    });
}
