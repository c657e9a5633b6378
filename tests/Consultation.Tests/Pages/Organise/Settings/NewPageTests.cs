namespace Consultation.Tests.Pages.Organise.Settings;

using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Consultation.Tests.Support;
using Consultation.Web.Data;
using Consultation.Web.Demo;
using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;

/// <summary>An organiser creates a consultation from /organise/new.</summary>
public sealed class NewPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Create_WithEveryField_MakesTheCreatorItsOrganiser_AndTheSettingsPageShowsEverythingBack()
    {
        var (organiser, email) = await OrganiserAsync("en");
        var slug = SettingsForms.NewSlug("trees");
        var values = SettingsForms.Valid(slug);
        values["Input.Title"] = ["Arbres urbains et chaleur"];
        values["Input.Summary"] = ["Où planter ?\n\nDites-le-nous."];
        values["Input.DefaultLanguage"] = ["fr"];
        values["Input.OfferedLanguages"] = ["sw", "ja", "fr"];
        values["Input.OpensAt"] = ["2031-04-01T09:00"];
        values["Input.ClosesAt"] = ["2031-06-30T17:30"];
        values["Input.TimeZone"] = ["Asia/Tokyo"];
        values["Input.EstimatedMinutes"] = ["25"];
        values["Input.AccessMode"] = ["Both"];
        values["Input.IsAnonymous"] = ["true"];

        var id = await SettingsForms.CreatedAsync(organiser, values);

        var stored = await app.WithDbAsync(db => db.Consultations.Include(c => c.Texts).AsNoTracking().SingleAsync(c => c.Id == id));
        Assert.Equal(slug, stored.Slug);
        Assert.Equal(ConsultationStatus.Draft, stored.Status);
        Assert.Equal("fr", stored.DefaultLanguage);
        Assert.Equal(["fr", "sw", "ja"], stored.OfferedLanguages);
        Assert.Equal(new DateTimeOffset(2031, 4, 1, 0, 0, 0, TimeSpan.Zero), stored.OpensAt);
        Assert.Equal(new DateTimeOffset(2031, 6, 30, 8, 30, 0, TimeSpan.Zero), stored.ClosesAt);
        Assert.Equal("Asia/Tokyo", stored.TimeZone);
        Assert.Equal(25, stored.EstimatedMinutes);
        Assert.Equal(AccessMode.Both, stored.AccessMode);
        Assert.True(stored.IsAnonymous);
        Assert.Equal("Où planter ?\n\nDites-le-nous.", stored.DefaultText(ElementKey.Consultation, TextField.Summary));
        Assert.All(stored.Texts.Where(t => !ElementKey.IsEmail(t.ElementKey)), t => Assert.Equal("fr", t.Language));
        // The invitation starts with the platform's wording in every offered language the interface speaks, translations up to date.
        var bodies = stored.Texts.Where(t => t.ElementKey == ElementKey.Email(EmailKind.Invitation) && t.Field == TextField.Body).ToList();
        Assert.Equal(["fr", "ja", "sw"], bodies.Select(t => t.Language).Order(StringComparer.Ordinal));
        Assert.Equal(Localized.Text("ja", "Default invitation body"), bodies.Single(t => t.Language == "ja").Text);
        Assert.Equal(0, stored.ProgressIn("ja").Outdated);
        var userId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        Assert.True(await app.WithDbAsync(db => db.ConsultationMembers.AnyAsync(m => m.ConsultationId == id && m.UserId == userId && m.Role == MemberRole.Organiser)));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditActions.ConsultationCreated && e.ObjectId == id.ToString() && e.UserId == userId)));

        var page = await organiser.GetPageAsync(SettingsForms.SettingsPath(id));
        Assert.Equal("Arbres urbains et chaleur", Value(page, "Input.Title"));
        Assert.Equal("Où planter ?\n\nDites-le-nous.", Value(page, "Input.Summary"));
        Assert.Equal("Tell us where shade is missing.", Value(page, "Input.Landing"));
        Assert.Equal("Answers are kept for two years.", Value(page, "Input.PrivacyNotice"));
        Assert.Equal("Thank you for your answers.", Value(page, "Input.ThankYou"));
        Assert.Equal(slug, Value(page, "Input.Slug"));
        Assert.False(page.QuerySelector<IHtmlInputElement>("input[name='Input.Slug']")!.IsDisabled);
        Assert.False(page.QuerySelector<IHtmlFieldSetElement>("fieldset.settings-form")!.IsDisabled);
        Assert.Equal(["fr"], Selected(page, "Input.DefaultLanguage"));
        Assert.Equal(["fr", "ja", "sw"], Selected(page, "Input.OfferedLanguages").Order());
        Assert.Equal("2031-04-01T09:00", Value(page, "Input.OpensAt"));
        Assert.Equal("2031-06-30T17:30", Value(page, "Input.ClosesAt"));
        Assert.Equal(["Asia/Tokyo"], Selected(page, "Input.TimeZone"));
        Assert.Equal("25", Value(page, "Input.EstimatedMinutes"));
        Assert.Equal("Both", page.QuerySelector<IHtmlInputElement>("input[name='Input.AccessMode']:checked")?.Value);
        Assert.True(page.QuerySelector<IHtmlInputElement>("input[type=checkbox][name='Input.IsAnonymous']")!.IsChecked);
        Assert.Contains("Français (fr)", page.QuerySelector("select[name='Input.OfferedLanguages'] option[value='fr']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("日本語 (ja)", page.QuerySelector("select[name='Input.OfferedLanguages'] option[value='ja']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WithALinkAlreadyTaken_IsRefusedInWords_AndKeepsWhatWasTyped()
    {
        var (organiser, _) = await OrganiserAsync("fr");
        var values = SettingsForms.Valid(DemoSeeder.Slug);
        values["Input.Title"] = ["Mon titre à garder"];

        var refused = await SettingsForms.CreateAsync(organiser, values);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await Html.ParseAsync(refused);
        Assert.Contains(Localized.Text("fr", "The link /c/{0} is already taken by another consultation. Choose another.", DemoSeeder.Slug), page.Text("[data-error-summary]"), StringComparison.Ordinal);
        Assert.Equal("Mon titre à garder", Value(page, "Input.Title"));
        Assert.Equal(DemoSeeder.Slug, Value(page, "Input.Slug"));
        Assert.Equal("#Input_Slug", page.QuerySelector("[data-error-summary] a")?.GetAttribute("href"));
    }

    [Fact]
    public async Task Create_WithATitleOver300AndATextOver20000Characters_IsRefusedWithBothMessages_AndKeepsWhatWasTyped()
    {
        var (organiser, _) = await OrganiserAsync("ja");
        var slug = SettingsForms.NewSlug("long");
        var values = SettingsForms.Valid(slug);
        var title = new string('t', ContentLimits.Title + 1);
        var landing = new string('x', ContentLimits.LongText - 10) + "\r\n" + new string('y', 20);
        values["Input.Title"] = [title];
        values["Input.Landing"] = [landing];

        var refused = await SettingsForms.CreateAsync(organiser, values);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await Html.ParseAsync(refused);
        var summary = page.Text("[data-error-summary]");
        Assert.Contains(Localized.Text("ja", "The title must be {1} characters or fewer", "", ContentLimits.Title), summary, StringComparison.Ordinal);
        Assert.Contains(Localized.Text("ja", "This text must be {0} characters or fewer (it has {1})", ContentLimits.LongText.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("ja")), 20_011.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("ja"))), summary, StringComparison.Ordinal);
        Assert.Equal(title, Value(page, "Input.Title"));
        Assert.Equal(landing.Replace("\r\n", "\n", StringComparison.Ordinal), Value(page, "Input.Landing").Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.False(await app.WithDbAsync(db => db.Consultations.AnyAsync(c => c.Slug == slug)));
    }

    [Fact]
    public async Task Create_ClosingBeforeOpening_IsRefusedInWords()
    {
        var (organiser, _) = await OrganiserAsync("sw");
        var slug = SettingsForms.NewSlug("dates");
        var values = SettingsForms.Valid(slug);
        values["Input.OpensAt"] = ["2031-05-10T10:00"];
        values["Input.ClosesAt"] = ["2031-05-01T10:00"];

        var refused = await SettingsForms.CreateAsync(organiser, values);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await Html.ParseAsync(refused);
        Assert.Contains(Localized.Text("sw", "The closing time must be after the opening time."), page.Text("[data-error-summary]"), StringComparison.Ordinal);
        Assert.Equal("2031-05-01T10:00", Value(page, "Input.ClosesAt"));
        Assert.False(await app.WithDbAsync(db => db.Consultations.AnyAsync(c => c.Slug == slug)));
    }

    [Fact]
    public async Task OrganiseIndex_LinksToNewConsultation()
    {
        var (organiser, _) = await OrganiserAsync("en");
        var index = await organiser.GetPageAsync("/organise");
        Assert.NotNull(index.QuerySelector($"a[href='{SettingsForms.NewPath}']"));
    }

    internal static string Value(IHtmlDocument page, string name) =>
        page.QuerySelector($"[name='{name}']:not([type=hidden])") switch
        {
            IHtmlTextAreaElement area => area.Value,
            IHtmlInputElement input => input.Value,
            _ => throw new InvalidOperationException($"No field {name}."),
        };

    internal static IReadOnlyList<string> Selected(IHtmlDocument page, string name) =>
        [.. page.QuerySelector<IHtmlSelectElement>($"select[name='{name}']")!.Options.Where(o => o.IsSelected).Select(o => o.Value)];

    private async Task<(HttpClient Client, string Email)> OrganiserAsync(string language)
    {
        var email = await app.CreateStaffAsync(StaffRoles.Organiser);
        return (await app.SignedInAsync(email, acceptLanguage: language), email);
    }
}
