namespace Consultation.Tests.Pages.Organise.Stakeholders.Import;

using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using Consultation.Tests.Support;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web;
using Consultation.Web.Pages.Organise.Stakeholders.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

/// <summary>Upload, map, preview and import, through the pages as a browser without scripts uses them.</summary>
public sealed class ImportPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData(true, ',')]
    [InlineData(false, ';')]
    public async Task Csv_WithOrWithoutBom_EitherDelimiter_ImportsNamesInAnyScript_WithQuotedNewlines(bool bom, char d)
    {
        var organiser = await OrganiserAsync();
        var tag = Tag();
        var emails = Enumerable.Range(0, 4).Select(_ => ImportFiles.Email()).ToList();
        var csv = $"""
            Name{d}E-mail{d}Organization{d}Country{d}Language{d}Timezone{d}Tags{d}Notes
            佐藤 結衣{d}{emails[0]}{d}東京AIラボ{d}JP{d}ja{d}Asia/Tokyo{d}{tag}{d}"Met in Tokyo{d}
            then in Seoul"
            김민준{d}{emails[1]}{d}서울 디지털 권리 포럼{d}South Korea{d}ko{d}Asia/Seoul{d}{tag}{d}
            {d}{d}{d}{d}{d}{d}{d}
            محمد الأحمد{d}{emails[2]}{d}مركز السياسات الرقمية{d}eg{d}ar{d}Africa/Cairo{d}{tag}{d}
            தமிழ்செல்வி முருகன்{d}{emails[3]}{d}சென்னை ஆய்வகம்{d}India{d}ta{d}Asia/Kolkata{d}"{tag}, panel"{d}
            """;

        var preview = await UploadAndMapAsync(organiser, "people.csv", ImportFiles.Csv(csv, bom));
        Assert.Equal(("4", "0", "0", "0"), Counts(preview.Document));
        Assert.Equal(0, await app.WithDbAsync(db => db.Stakeholders.CountAsync(s => s.Tags.Contains(tag))));

        var result = await ConfirmAsync(organiser, preview);
        Assert.Equal(("4", "0", "0", "0"), Counts(result));
        var people = await app.WithDbAsync(db => db.Stakeholders.AsNoTracking().Where(s => s.Tags.Contains(tag)).OrderBy(s => s.Email).ToListAsync());
        Assert.Equal(["佐藤 結衣", "김민준", "محمد الأحمد", "தமிழ்செல்வி முருகன்"], emails.Select(e => people.Single(p => p.Email == e).Name));
        var sato = people.Single(p => p.Email == emails[0]);
        Assert.Equal(("東京AIラボ", "JP", "ja", "Asia/Tokyo"), (sato.Organisation, sato.Country, sato.PreferredLanguage, sato.TimeZone));
        Assert.Equal($"Met in Tokyo{d}\nthen in Seoul", sato.Notes);
        Assert.Equal("KR", people.Single(p => p.Email == emails[1]).Country);
        Assert.Equal("IN", people.Single(p => p.Email == emails[3]).Country);
        Assert.Equal([tag, "panel"], people.Single(p => p.Email == emails[3]).Tags);
    }

    [Fact]
    public async Task Mapping_IsSuggestedFromEnglishAndLocalizedHeaders_AndCanBeChanged()
    {
        var organiser = await OrganiserAsync("fr");
        var header = "Nom;Adresse électronique;Organisation;Secteur;Pays;Langue préférée;Fuseau horaire;Étiquettes;Consent given;Date du consentement;Origine du consentement;Notes;Never email;Extra";
        var mapping = await UploadAsync(organiser, "fr.csv", ImportFiles.Csv($"{header}\nAmélie;{ImportFiles.Email()};;;;;;;;;;;;x\n"));

        var chosen = mapping.Document.QuerySelectorAll("[data-columns] select").OfType<IHtmlSelectElement>().Select(s => s.Value).ToList();
        Assert.Equal(["Name", "Email", "Organisation", "Sector", "Country", "PreferredLanguage", "TimeZone", "Tags", "ConsentGiven", "ConsentDate", "ConsentSource", "Notes", "NeverEmail", ""], chosen);

        var refused = await organiser.SubmitAsync(mapping.Document, new Dictionary<string, string[]> { ["Columns[0]"] = ["Email"] }, "#mapping-form", pagePath: mapping.Path);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var summary = (await Html.ParseAsync(refused)).Text("[data-error-summary]");
        Assert.Contains(Localized.Text("fr", "Only one column can fill {0}.", Localized.Text("fr", "Email address")), summary, StringComparison.Ordinal);
        Assert.Contains(Localized.Text("fr", "Choose the column that holds {0}.", Localized.Text("fr", "Name")), summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Langue")]
    [InlineData("言語")]
    [InlineData("언어")]
    [InlineData("Lugha")]
    public void Suggest_TakesAColumnHeadedJustLanguage_InAnyInterfaceLanguage_ForThePreferredLanguage(string header)
    {
        var s = app.Services.GetRequiredService<IStringLocalizer<SharedResource>>();

        Assert.Equal([ImportField.Name, ImportField.PreferredLanguage], ImportFields.Suggest(s, ["Name", header]));
    }

    [Fact]
    public async Task Preview_ReportsEachProblemWithItsRowNumber_AndWritesNothing()
    {
        var organiser = await OrganiserAsync();
        var tag = Tag();
        var known = ImportFiles.Email();
        await AddAsync("Oliver Grant", known);
        var first = ImportFiles.Email();
        var csv = $"""
            Name,Email,Country,Preferred language,Time zone,Sector,Consent given,Consent date,Tags
            Valid One,{ImportFiles.Email()},Kenya,sw,Africa/Nairobi,Société civile,yes,2026-11-30,{tag}
            Bad Address,not-an-address,,,,,,,{tag}
            Bad Country,{ImportFiles.Email()},Atlantis,,,,,,{tag}
            Bad Language,{ImportFiles.Email()},,xx-notalanguage,,,,,{tag}
            Bad Zone,{ImportFiles.Email()},,,Mars/Olympus,,,,{tag}
            ,{ImportFiles.Email()},,,,,,,{tag}
            No Address,,,,,,,,{tag}
            First,{first},,,,,,,{tag}
            Second,{first.ToUpperInvariant()},,,,,,,{tag}
            Known,{known},,,,,,,{tag}
            No Date,{ImportFiles.Email()},,,,,yes,,{tag}
            Maybe,{ImportFiles.Email()},,,,,perhaps,,{tag}
            """;

        var preview = await UploadAndMapAsync(organiser, "problems.csv", ImportFiles.Csv(csv));

        var report = preview.Document.QuerySelectorAll("[data-report] tbody tr").ToDictionary(r => r.GetAttribute("data-row")!, r => r.Children[1].TextContent.Trim());
        Assert.Equal(["3", "4", "5", "6", "7", "8", "10", "11", "12", "13"], report.Keys);
        Assert.Equal(("2", "0", "1", "9"), Counts(preview.Document));
        Assert.Equal("'not-an-address' is not an email address.", report["3"]);
        Assert.Equal("Unknown country: 'Atlantis'.", report["4"]);
        Assert.Equal("Unknown language: 'xx-notalanguage'.", report["5"]);
        Assert.Equal("Unknown time zone: 'Mars/Olympus'.", report["6"]);
        Assert.Equal("The name is missing.", report["7"]);
        Assert.Equal("The email address is missing.", report["8"]);
        Assert.Equal("The same address as row 9.", report["10"]);
        Assert.Equal("Already in the registry as Oliver Grant: skipped.", report["11"]);
        Assert.Equal("Say when consent was given.", report["12"]);
        Assert.Equal("'perhaps' is not yes or no.", report["13"]);
        Assert.Equal(0, await app.WithDbAsync(db => db.Stakeholders.CountAsync(s => s.Tags.Contains(tag))));

        Assert.Equal(("2", "0", "1", "9"), Counts(await ConfirmAsync(organiser, preview)));
        Assert.Equal(["First", "Valid One"], await app.WithDbAsync(db => db.Stakeholders.Where(s => s.Tags.Contains(tag)).OrderBy(s => s.Name).Select(s => s.Name).ToListAsync()));
        var valid = await app.WithDbAsync(db => db.Stakeholders.AsNoTracking().SingleAsync(s => s.Tags.Contains(tag) && s.Name == "Valid One"));
        Assert.Equal(("Valid One", "KE", Sector.CivilSociety, true, new DateOnly(2026, 11, 30)), (valid.Name, valid.Country, valid.Sector, valid.ConsentGiven, valid.ConsentDate));
    }

    [Theory]
    [InlineData(DuplicateChoice.Skip)]
    [InlineData(DuplicateChoice.Update)]
    public async Task Duplicates_WithTheRegistry_AreSkippedOrUpdated_KeepingWhatTheFileDoesNotSay(DuplicateChoice choice)
    {
        var organiser = await OrganiserAsync();
        var known = ImportFiles.Email();
        var id = await AddAsync("Amina Odhiambo", known, notes: "Met at the Nairobi workshop");
        var fresh = ImportFiles.Email();
        var csv = $"Name,Email,Organisation,Notes\nAmina A. Odhiambo,{known.ToUpperInvariant()},Nairobi Policy Lab,\nNew Person,{fresh},,\n";

        var preview = await UploadAndMapAsync(organiser, "dupes.csv", ImportFiles.Csv(csv), duplicates: choice);
        Assert.Equal(choice == DuplicateChoice.Skip ? ("1", "0", "1", "0") : ("1", "1", "0", "0"), Counts(preview.Document));
        await ConfirmAsync(organiser, preview);

        var amina = await app.WithDbAsync(db => db.Stakeholders.AsNoTracking().SingleAsync(s => s.Id == id));
        Assert.Equal(choice == DuplicateChoice.Skip ? "Amina Odhiambo" : "Amina A. Odhiambo", amina.Name);
        Assert.Equal(choice == DuplicateChoice.Skip ? null : "Nairobi Policy Lab", amina.Organisation);
        Assert.Equal("Met at the Nairobi workshop", amina.Notes);
        Assert.Equal(known, amina.Email);
        Assert.True(await app.WithDbAsync(db => db.Stakeholders.AnyAsync(s => s.NormalisedEmail == fresh)));
    }

    [Fact]
    public async Task Xlsx_ImportsAFormulaAsItsText_NeverEvaluated_AndDateCellsAsDates()
    {
        var organiser = await OrganiserAsync();
        var email = ImportFiles.Email();
        var content = ImportFiles.Xlsx(
            ["Name", "Email", "Organisation", "Consent given", "Consent date"],
            ["Zoë Martin", email, "=1+1", "TRUE", new DateTime(2026, 10, 1)]);

        await ConfirmAsync(organiser, await UploadAndMapAsync(organiser, "people.xlsx", content));

        var zoe = await app.WithDbAsync(db => db.Stakeholders.AsNoTracking().SingleAsync(s => s.NormalisedEmail == email));
        Assert.Equal(("=1+1", true, new DateOnly(2026, 10, 1)), (zoe.Organisation, zoe.ConsentGiven, zoe.ConsentDate));
    }

    [Fact]
    public async Task TenThousandRows_AreImportedFully_InOneGo()
    {
        var organiser = await OrganiserAsync();
        var tag = Tag();
        var csv = new StringBuilder("Name,Email,Tags\n");
        for (var i = 0; i < 10_000; i++)
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"Person {i:00000},{tag}-{i}@example.org,{tag}\n");

        var preview = await UploadAndMapAsync(organiser, "ten-thousand.csv", ImportFiles.Csv(csv.ToString()));
        Assert.Equal(("10,000", "0", "0", "0"), Counts(preview.Document));
        var result = await ConfirmAsync(organiser, preview);

        Assert.Equal(("10,000", "0", "0", "0"), Counts(result));
        Assert.Equal(10_000, await app.WithDbAsync(db => db.Stakeholders.CountAsync(s => s.Tags.Contains(tag))));
    }

    [Fact]
    public async Task Upload_RefusesAnotherKindOfFile_AnOversizedOne_AndBrokenText_InTheReadersLanguage()
    {
        var organiser = await OrganiserAsync("ja");
        var before = await app.WithDbAsync(db => db.StakeholderImports.CountAsync());

        await AssertRefusedAsync("people.pdf", [.. "%PDF-1.7 people"u8], Localized.Text("ja", "Upload a CSV file (.csv) or an Excel workbook (.xlsx)."));
        await AssertRefusedAsync("people.xlsx", ImportFiles.Csv("Name,Email\n"), Localized.Text("ja", "Upload a CSV file (.csv) or an Excel workbook (.xlsx)."));
        await AssertRefusedAsync("big.csv", new byte[StakeholderImport.MaxBytes + 1].Select(_ => (byte)'a').ToArray(), Localized.Text("ja", "The file must be {0} MB or smaller.", 10));
        await AssertRefusedAsync("latin1.csv", [.. "Name,Email\nJos"u8, 0xE9, .. ",j@example.org\n"u8], Localized.Text("ja", "The file is not UTF-8 text. Save it as CSV UTF-8 and upload it again."));
        Assert.Equal(before, await app.WithDbAsync(db => db.StakeholderImports.CountAsync()));

        async Task AssertRefusedAsync(string fileName, byte[] content, string message)
        {
            var response = await UploadResponseAsync(organiser, fileName, content);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(message, (await Html.ParseAsync(response)).Text("[data-error-summary]"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AnUnknownImport_AndSomeoneElsesImport_AreNotFound()
    {
        var organiser = await OrganiserAsync();
        var colleague = await OrganiserAsync();
        var mapping = await UploadAsync(organiser, "mine.csv", ImportFiles.Csv($"Name,Email\nA,{ImportFiles.Email()}\n"));

        foreach (var path in new[] { $"/organise/stakeholders/import/{Guid.NewGuid()}", $"/organise/stakeholders/import/{Guid.NewGuid()}/preview", mapping.Path, mapping.Path + "/preview", mapping.Path + "/result" })
            Assert.Equal(HttpStatusCode.NotFound, (await colleague.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await organiser.GetAsync(mapping.Path)).StatusCode);
    }

    [Fact]
    public async Task ImportSubmittedTwice_ImportsOnce_AndIsAuditedOnce()
    {
        var organiser = await OrganiserAsync();
        var email = ImportFiles.Email();
        var preview = await UploadAndMapAsync(organiser, "twice.csv", ImportFiles.Csv($"Name,Email\nTwice,{email}\n"));
        var importId = preview.Path.Split('/')[^2];

        var first = await organiser.SubmitAsync(preview.Document, null, "#confirm-form", pagePath: preview.Path);
        var second = await organiser.SubmitAsync(preview.Document, null, "#confirm-form", pagePath: preview.Path);

        await ResponseAssert.RedirectsTo($"/organise/stakeholders/import/{importId}/result", first);
        await ResponseAssert.RedirectsTo($"/organise/stakeholders/import/{importId}/result", second);
        Assert.Equal(1, await app.WithDbAsync(db => db.Stakeholders.CountAsync(s => s.NormalisedEmail == email)));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditActions.StakeholdersImported && e.ObjectId == importId)));
        var import = await app.WithDbAsync(db => db.StakeholderImports.AsNoTracking().SingleAsync(i => i.Id == Guid.Parse(importId)));
        Assert.Equal((ImportStatus.Imported, 1, 0L), (import.Status, import.Added, (long)import.Content.Length));
        // The mapping and preview pages of a finished import lead to its result.
        Assert.Equal($"/organise/stakeholders/import/{importId}/result", (await organiser.GetAsync(preview.Path)).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task TheFileIsKeptInTheDatabase_SoASecondNodePreviewsAndImportsIt()
    {
        var email = await app.CreateStaffAsync(StaffRoles.Organiser);
        var first = await app.SignedInAsync(email);
        var address = ImportFiles.Email();
        var mapping = await UploadAsync(first, "nodes.csv", ImportFiles.Csv($"Name,Email\n佐藤 結衣,{address}\n"));

        await using var secondNode = AppFactory.OnDatabase(app.ConnectionString);
        var second = await secondNode.SignedInAsync(email);
        var mapped = await second.SubmitAsync(await second.GetPageAsync(mapping.Path), null, "#mapping-form", pagePath: mapping.Path);
        var previewPath = mapped.Headers.Location!.OriginalString;
        var preview = new LoadedPage(await second.GetPageAsync(previewPath), previewPath);
        Assert.Equal(("1", "0", "0", "0"), Counts(preview.Document));
        await ConfirmAsync(second, preview);

        Assert.Equal("佐藤 結衣", await app.WithDbAsync(db => db.Stakeholders.Where(s => s.NormalisedEmail == address).Select(s => s.Name).SingleAsync()));
    }

    [Fact]
    public async Task RegistryList_LinksToTheImport()
    {
        var organiser = await OrganiserAsync();
        Assert.Equal("/organise/stakeholders/import", (await organiser.GetPageAsync("/organise/stakeholders")).QuerySelector("a[data-import]")?.GetAttribute("href"));
    }

    private static (string New, string Updates, string Skipped, string Invalid) Counts(AngleSharp.Dom.IParentNode page) =>
        (page.Text("[data-counts] [data-new]"), page.Text("[data-counts] [data-updates]"), page.Text("[data-counts] [data-skipped]"), page.Text("[data-counts] [data-invalid]"));

    private static string Tag() => $"import-{Guid.NewGuid():N}"[..20];

    private async Task<HttpClient> OrganiserAsync(string language = "en-GB") =>
        await app.SignedInAsync(await app.CreateStaffAsync(StaffRoles.Organiser), acceptLanguage: language);

    private static async Task<HttpResponseMessage> UploadResponseAsync(HttpClient client, string fileName, byte[] content) =>
        await client.SubmitWithFilesAsync(await client.GetPageAsync("/organise/stakeholders/import"), null,
            new Dictionary<string, (string, byte[])> { ["Upload"] = (fileName, content) }, "#upload-form");

    /// <summary>Uploads a file; returns the mapping page it leads to.</summary>
    private static async Task<LoadedPage> UploadAsync(HttpClient client, string fileName, byte[] content)
    {
        var response = await UploadResponseAsync(client, fileName, content);
        if (response.StatusCode != HttpStatusCode.Redirect)
            Assert.Fail($"The upload answered {(int)response.StatusCode}: {(await Html.ParseAsync(response)).QuerySelector("[data-error-summary]")?.TextContent.Trim()}");
        var path = response.Headers.Location!.OriginalString;
        return new LoadedPage(await client.GetPageAsync(path), path);
    }

    /// <summary>Uploads a file and keeps the suggested mapping; returns the preview.</summary>
    private static async Task<LoadedPage> UploadAndMapAsync(HttpClient client, string fileName, byte[] content, DuplicateChoice duplicates = DuplicateChoice.Skip)
    {
        var mapping = await UploadAsync(client, fileName, content);
        var mapped = await client.SubmitAsync(mapping.Document, new Dictionary<string, string[]> { ["Duplicates"] = [duplicates.ToString()] }, "#mapping-form", pagePath: mapping.Path);
        await ResponseAssert.RedirectsTo(mapping.Path + "/preview", mapped);
        return new LoadedPage(await client.GetPageAsync(mapping.Path + "/preview"), mapping.Path + "/preview");
    }

    /// <summary>Imports from the preview; returns the result page.</summary>
    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> ConfirmAsync(HttpClient client, LoadedPage preview)
    {
        var response = await client.SubmitAsync(preview.Document, null, "#confirm-form", pagePath: preview.Path);
        var result = preview.Path[..^"preview".Length] + "result";
        await ResponseAssert.RedirectsTo(result, response);
        return await client.GetPageAsync(result);
    }

    private Task<Guid> AddAsync(string name, string email, string? notes = null) => app.WithDbAsync(async db =>
    {
        var stakeholder = Stakeholder.Create(new StakeholderDetails(name, email, null, Sector.Other, null, "en") { Notes = notes }, app.Clock.GetUtcNow());
        db.Stakeholders.Add(stakeholder);
        await db.SaveChangesAsync();
        return stakeholder.Id;
    });
}
