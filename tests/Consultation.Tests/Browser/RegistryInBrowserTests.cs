namespace Consultation.Tests.Browser;

using System.Text;
using Consultation.Tests.Support;
using Consultation.Web.Demo;
using Microsoft.Playwright;

/// <summary>
/// The registry's import as an organiser goes through it in a browser: upload a messy file, match its columns, read the
/// preview, import; then find the people and open the page to merge one. Every step is scanned with axe and
/// photographed at phone width, where tables are most likely to break.
/// </summary>
[Trait("Category", "Browser")]
public sealed class RegistryInBrowserTests(BrowserFixture browser) : BrowserTest(browser), IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AnOrganiserImportsAFile_SeesThePreview_FindsThePeople_AndOpensAMerge_WithoutAnAccessibilityViolation()
    {
        var page = await Browser.NewPageAsync(width: 360);
        await BrowserFixture.SignInAsync(page, DemoSeeder.OrganiserEmail);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var file = Path.Combine(Path.GetTempPath(), $"people-{suffix}.csv");
        await File.WriteAllTextAsync(file, $"""
            Nom;E-mail;Organisation;Pays;Langue
            佐藤 結衣 {suffix};yui-{suffix}@example.jp;東京AIラボ;JP;ja
            محمد الأحمد {suffix};not-an-address;"مركز, السياسات";EG;en
            Amina Odhiambo {suffix};amina-{suffix}@example.ke;"Nairobi
            Lab";Kenya;sw
            """, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        await page.GotoAsync("/organise/stakeholders/import");
        await AssertNoAxeViolationsAsync(page, "upload");
        await page.Locator("#Upload").SetInputFilesAsync(file);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and map the columns" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Match the columns");
        await Assertions.Expect(page.Locator("[data-columns] select").Nth(4)).ToHaveValueAsync("PreferredLanguage");
        await BrowserFixture.ScreenshotAsync(page, "registry-import-mapping-360");
        await AssertNoAxeViolationsAsync(page, "mapping");

        await page.GetByRole(AriaRole.Button, new() { Name = "Preview the import" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Preview the import");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("'not-an-address' is not an email address.");
        await BrowserFixture.ScreenshotAsync(page, "registry-import-preview-360");
        await AssertNoAxeViolationsAsync(page, "preview");

        await page.GetByRole(AriaRole.Button, new() { Name = "Import 2 people" }).ClickAsync();
        await page.WaitForURLAsync("**/result", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await BrowserFixture.ScreenshotAsync(page, "registry-import-result-360");
        await AssertNoAxeViolationsAsync(page, "result");

        await page.GotoAsync($"/organise/stakeholders?q={suffix}");
        await Assertions.Expect(page.Locator("[data-registry] tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("[data-registry]")).ToContainTextAsync($"佐藤 結衣 {suffix}");
        await page.GetByRole(AriaRole.Link, new() { Name = $"Amina Odhiambo {suffix}" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Merge with another entry…" }).ClickAsync();
        await page.WaitForURLAsync("**/merge", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await BrowserFixture.ScreenshotAsync(page, "registry-merge-360");
        await AssertNoAxeViolationsAsync(page, "merge");
    }
}
