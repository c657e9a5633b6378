namespace Consultation.Web.Localization;

using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

/// <summary>
/// The languages of the interface (resource files in locales/). Adding one is adding its .resx
/// file and its tag here. Content languages are any BCP 47 tag an organiser offers.
/// </summary>
public static class UiLanguages
{
    public const string Default = "en";

    public static IReadOnlyList<string> Supported { get; } = ["en", "fr", "ja", "ko", "sw"];

    public static CultureInfo[] Cultures => [.. Supported.Select(CultureInfo.GetCultureInfo)];

    /// <summary>The language's name in itself ("Français", "日本語"), as a language switcher shows it.</summary>
    public static string NativeName(string tag)
    {
        var culture = CultureInfo.GetCultureInfo(tag);
        var name = culture.NativeName;
        return name.Length == 0 ? tag : culture.TextInfo.ToUpper(name[0]) + name[1..];
    }

    /// <summary>Language names marked with their own language, so screen readers pronounce "日本語" as Japanese.</summary>
    public static IHtmlContent NamesHtml(IEnumerable<string> tags) => new HtmlString(string.Join(", ", tags.Select(tag =>
        $"<span lang=\"{HtmlEncoder.Default.Encode(tag)}\">{HtmlEncoder.Default.Encode(NativeName(tag))}</span>")));

    public static IHtmlContent NameHtml(string tag) => NamesHtml([tag]);

    public static bool IsRightToLeft(string tag) => CultureInfo.GetCultureInfo(tag).TextInfo.IsRightToLeft;

    /// <summary>The interface language that serves a content language: itself, its parent, or English.</summary>
    public static string ServingUi(string contentLanguage)
    {
        var match = Supported.FirstOrDefault(s => Matches(s, contentLanguage));
        return match ?? Default;
    }

    /// <summary>True when two tags name the same language, ignoring region and script ("fr-CA" and "fr").</summary>
    public static bool Matches(string a, string b) =>
        string.Equals(a, b, StringComparison.OrdinalIgnoreCase)
        || string.Equals(Base(a), Base(b), StringComparison.OrdinalIgnoreCase);

    /// <summary>A tag from a request, if it is a well-formed language tag this machine knows; otherwise null.</summary>
    public static string? Normalise(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag) || tag.Length > 35)
            return null;
        try
        {
            var culture = CultureInfo.GetCultureInfo(tag.Trim(), predefinedOnly: true);
            return culture.Name.Length == 0 ? null : culture.Name;
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }

    private static string Base(string tag) => tag.Split('-', '_')[0];
}
