namespace Consultation.Tests.Pages.Organise.Settings;

using System.Net;
using Consultation.Tests.Support;

/// <summary>Fills the new and settings pages' form the way a browser without scripts would.</summary>
internal static class SettingsForms
{
    public const string NewPath = "/organise/new";

    /// <summary>Every field of a valid new consultation; change what the test is about.</summary>
    public static Dictionary<string, string[]> Valid(string slug) => new()
    {
        ["Input.Title"] = ["Urban trees and heat"],
        ["Input.Summary"] = ["How should the city plant trees?"],
        ["Input.Landing"] = ["Tell us where shade is missing."],
        ["Input.PrivacyNotice"] = ["Answers are kept for two years."],
        ["Input.ThankYou"] = ["Thank you for your answers."],
        ["Input.Slug"] = [slug],
        ["Input.DefaultLanguage"] = ["en"],
        ["Input.OfferedLanguages"] = ["en"],
        ["Input.OpensAt"] = [""],
        ["Input.ClosesAt"] = [""],
        ["Input.TimeZone"] = ["UTC"],
        ["Input.EstimatedMinutes"] = ["10"],
        ["Input.AccessMode"] = ["PublicLink"],
        ["Input.IsAnonymous"] = ["false"],
    };

    public static string NewSlug(string stem = "test") => $"{stem}-{Guid.NewGuid():N}"[..(stem.Length + 13)];

    public static async Task<HttpResponseMessage> CreateAsync(HttpClient client, IDictionary<string, string[]> values) =>
        await client.SubmitAsync(await client.GetPageAsync(NewPath), values, "#settings-form", pagePath: NewPath);

    /// <summary>Creates a consultation through the page and returns its id, failing the test if the page refuses.</summary>
    public static async Task<Guid> CreatedAsync(HttpClient client, IDictionary<string, string[]> values)
    {
        var response = await CreateAsync(client, values);
        var location = response.Headers.Location?.OriginalString ?? "";
        if (response.StatusCode != HttpStatusCode.Redirect || !location.EndsWith("/settings", StringComparison.Ordinal))
            await ResponseAssert.RedirectsTo("/organise/{id}/settings", response);
        return Guid.Parse(location.Split('/')[2]);
    }

    public static string SettingsPath(Guid id) => $"/organise/{id}/settings";

    public static async Task<HttpResponseMessage> SaveAsync(HttpClient client, AngleSharp.Html.Dom.IHtmlDocument page, IDictionary<string, string[]> values) =>
        await client.SubmitAsync(page, values, "#settings-form");
}
