namespace Consultation.Tests.Pages.Organise.Stakeholders;

using System.Net;
using ClosedXML.Excel;
using Consultation.Tests.Exports;
using Consultation.Tests.Support;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Exports;
using Microsoft.EntityFrameworkCore;

/// <summary>The list's downloads: the people its search and filters found, on every page, in its order, and audited.</summary>
public sealed class StakeholdersExportTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Downloads_HoldEveryoneTheListFound_OnEveryPage_InItsOrder_AndAreAudited()
    {
        var tag = $"export-{Guid.NewGuid():N}"[..20];
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""
            INSERT INTO stakeholders (id, name, email, normalised_email, sector, preferred_language, tags, created_at)
            SELECT gen_random_uuid(), 'Export ' || lpad(n::text, 3, '0'), n || '-' || {tag} || '@example.org', n || '-' || {tag} || '@example.org',
                   CASE WHEN n % 2 = 0 THEN 'Academia' ELSE 'Industry' END, 'en', ARRAY[{tag}], now()
            FROM generate_series(1, 120) AS n
            """));
        var email = await app.CreateStaffAsync(StaffRoles.Organiser);
        var organiser = await app.SignedInAsync(email);

        var list = await organiser.GetPageAsync($"/organise/stakeholders?tag={tag}&sector=Academia&sort=name");
        Assert.Equal("60 people found", list.Text("[data-count]"));
        var excelLink = list.QuerySelector("a[data-download='xlsx']")!.GetAttribute("href")!;
        var csvLink = list.QuerySelector("a[data-download='csv']")!.GetAttribute("href")!;
        Assert.Contains("sector=Academia", excelLink, StringComparison.Ordinal);
        Assert.Contains($"tag={tag}", csvLink, StringComparison.Ordinal);

        var excel = await organiser.GetAsync(excelLink);
        Assert.Equal(HttpStatusCode.OK, excel.StatusCode);
        Assert.Equal(RegistryExport.ExcelContentType, excel.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"stakeholders-{app.Clock.GetUtcNow():yyyy-MM-dd}.xlsx", excel.Content.Headers.ContentDisposition?.FileNameStar);
        using var workbook = new XLWorkbook(new MemoryStream(await excel.Content.ReadAsByteArrayAsync()));
        var sheet = workbook.Worksheet(RegistryExport.SheetName);
        var names = Enumerable.Range(2, 61).Select(r => sheet.Cell(r, 1).GetString()).ToList();
        Assert.Equal([.. Enumerable.Range(1, 60).Select(n => $"Export {2 * n:000}"), ""], names);
        Assert.All(Enumerable.Range(2, 60), r => Assert.Equal("Academia", sheet.Cell(r, 4).GetString()));

        var csv = await organiser.GetAsync(csvLink);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"stakeholders-{app.Clock.GetUtcNow():yyyy-MM-dd}.csv", csv.Content.Headers.ContentDisposition?.FileNameStar);
        var rows = RegistryExportTests.ReadCsv(await csv.Content.ReadAsByteArrayAsync());
        Assert.Equal(61, rows.Count);
        Assert.Equal("Export 120", rows[^1][0]);

        var audited = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Actor == email && e.Action == AuditActions.StakeholdersExported)
            .Select(e => e.ObjectId).ToListAsync());
        Assert.Equal(["60", "60"], audited);
    }

    [Fact]
    public async Task Downloads_RespectTheSearch_AndKeepNamesInAnyScript()
    {
        var tag = $"scripts-{Guid.NewGuid():N}"[..20];
        await AddAsync(tag, "佐藤 結衣", consent: true);
        await AddAsync(tag, "김민준", consent: true);
        await AddAsync(tag, "محمد الأحمد", consent: true);
        await AddAsync(tag, "Oliver Grant", consent: false);
        var organiser = await app.SignedInAsync(await app.CreateStaffAsync(StaffRoles.Organiser));

        var csv = RegistryExportTests.ReadCsv(await organiser.GetByteArrayAsync($"/organise/stakeholders?handler=Csv&tag={tag}&consent=true&sort=name"));
        using var workbook = new XLWorkbook(new MemoryStream(await organiser.GetByteArrayAsync(
            $"/organise/stakeholders?handler=Excel&tag={tag}&q={Uri.EscapeDataString("민준")}")));

        Assert.Equal(["محمد الأحمد", "佐藤 結衣", "김민준"], csv.Skip(1).Select(r => r[0]).Order(StringComparer.Ordinal));
        var sheet = workbook.Worksheet(RegistryExport.SheetName);
        Assert.Equal("김민준", sheet.Cell(2, 1).GetString());
        Assert.True(sheet.Cell(3, 1).IsEmpty());
    }

    private Task AddAsync(string tag, string name, bool consent) => app.WithDbAsync(async db =>
    {
        db.Stakeholders.Add(Stakeholder.Create(new StakeholderDetails(name, $"{Guid.NewGuid():N}@example.org", null, Sector.Other, null, "en")
        {
            Tags = [tag],
            ConsentGiven = consent,
            ConsentDate = consent ? new DateOnly(2026, 11, 1) : null,
        }, app.Clock.GetUtcNow()));
        await db.SaveChangesAsync();
    });
}
