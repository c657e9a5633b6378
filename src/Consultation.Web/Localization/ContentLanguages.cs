namespace Consultation.Web.Localization;

using System.Collections.Concurrent;
using System.Globalization;

/// <summary>
/// The languages an organiser may offer a consultation in: every language and regional variant ICU knows
/// on this machine (about 800), each with its name in itself, so that a speaker recognises their own.
/// </summary>
public static class ContentLanguages
{
    private static readonly Lazy<IReadOnlyList<CultureInfo>> Cultures = new(() =>
        [.. CultureInfo.GetCultures(CultureTypes.AllCultures)
            .Where(c => c.Name.Length > 0 && c.NativeName.Length > 0)
            .OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase)]);

    // Labels per interface language: computing about 800 names from ICU on every request is slow.
    private static readonly ConcurrentDictionary<string, IReadOnlyList<(string Tag, string Label)>> LabelsByUi = new();

    public static IReadOnlyList<CultureInfo> All => Cultures.Value;

    /// <summary>Reads the list from ICU ahead of the first settings page (it takes seconds on a busy machine).</summary>
    public static void Warm()
    {
        foreach (var ui in UiLanguages.Supported)
        {
            using var scope = CultureScope.WordsIn(ui);
            Labelled();
        }
    }

    /// <summary>Every language's tag and label, in the current interface language.</summary>
    public static IReadOnlyList<(string Tag, string Label)> Labelled() =>
        LabelsByUi.GetOrAdd(CultureInfo.CurrentUICulture.Name, _ => [.. All.Select(c => (c.Name, Label(c)))]);

    /// <summary>The tag as this machine spells it ("pt-BR"), or null when it is not a language it knows.</summary>
    public static string? Known(string? tag) => UiLanguages.Normalise(tag);

    /// <summary>"Français (fr) – French": the native name first, then the tag, then the name in the interface language when it differs.</summary>
    public static string Label(CultureInfo culture)
    {
        var native = UiLanguages.NativeName(culture.Name);
        var display = culture.DisplayName;
        return string.Equals(native, display, StringComparison.OrdinalIgnoreCase) ? $"{native} ({culture.Name})" : $"{native} ({culture.Name}) – {display}";
    }
}
