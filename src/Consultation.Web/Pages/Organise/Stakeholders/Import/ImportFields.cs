namespace Consultation.Web.Pages.Organise.Stakeholders.Import;

using System.Globalization;
using Consultation.Web.Domain;
using Consultation.Web.Localization;
using Microsoft.Extensions.Localization;

/// <summary>The registry's fields a column of a file can fill.</summary>
public enum ImportField { Name, Email, Organisation, Sector, Country, PreferredLanguage, TimeZone, Tags, ConsentGiven, ConsentDate, ConsentSource, Notes, NeverEmail }

/// <summary>The fields' labels, and the field a column's header suggests.</summary>
public static class ImportFields
{
    // The registry export's headers, then the spellings people commonly give the same columns.
    private static readonly Dictionary<ImportField, string[]> English = new()
    {
        [ImportField.Name] = ["Name", "Full name", "Contact name", "Person"],
        [ImportField.Email] = ["Email", "E-mail", "Email address", "E-mail address", "Mail", "Courriel"],
        [ImportField.Organisation] = ["Organisation", "Organization", "Company", "Institution", "Employer", "Org"],
        [ImportField.Sector] = ["Sector", "Stakeholder type"],
        [ImportField.Country] = ["Country", "Country code", "Nation"],
        [ImportField.PreferredLanguage] = ["Preferred language", "Language", "Lang", "Locale"],
        [ImportField.TimeZone] = ["Time zone", "Timezone", "TZ"],
        [ImportField.Tags] = ["Tags", "Tag", "Labels", "Groups"],
        [ImportField.ConsentGiven] = ["Consent given", "Consent", "Consented", "Has consented"],
        [ImportField.ConsentDate] = ["Consent date", "Date of consent", "Consented on"],
        [ImportField.ConsentSource] = ["Consent source", "Source of consent"],
        [ImportField.Notes] = ["Notes", "Note", "Comments", "Comment", "Remarks"],
        [ImportField.NeverEmail] = ["Never email", "Do not email", "Do not contact", "Unsubscribed", "Opted out"],
    };

    public static string Label(IStringLocalizer s, ImportField field) => field switch
    {
        ImportField.Name => s["Name"],
        ImportField.Email => s["Email address"],
        ImportField.Organisation => s["Organisation"],
        ImportField.Sector => s["Sector"],
        ImportField.Country => s["Country"],
        ImportField.PreferredLanguage => s["Preferred language"],
        ImportField.TimeZone => s["Time zone"],
        ImportField.Tags => s["Tags"],
        ImportField.ConsentGiven => s["Consent given"],
        ImportField.ConsentDate => s["Date of consent"],
        ImportField.ConsentSource => s["Source of consent"],
        ImportField.Notes => s["Notes"],
        _ => s["Never email"],
    };

    /// <summary>
    /// Per header, the field it names (by the export's English header, a common variant or the field's label in any
    /// interface language), each field at most once (the first column naming it); null for the others.
    /// </summary>
    public static IReadOnlyList<ImportField?> Suggest(IStringLocalizer s, IReadOnlyList<string> headers)
    {
        var names = new Dictionary<string, ImportField>(StringComparer.Ordinal);
        foreach (var (field, spellings) in English)
            foreach (var spelling in spellings)
                names.TryAdd(Key(spelling), field);
        foreach (var language in UiLanguages.Supported)
        {
            using var scope = CultureScope.WordsIn(language);
            foreach (var field in Enum.GetValues<ImportField>())
                names.TryAdd(Key(Label(s, field)), field);
            // A column headed just "Langue" or "言語" holds the person's language, as "Language" does in English.
            names.TryAdd(Key(s["Language"]), ImportField.PreferredLanguage);
        }
        var taken = new HashSet<ImportField>();
        return [.. headers.Select(h => names.TryGetValue(Key(h), out var field) && taken.Add(field) ? field : (ImportField?)null)];
    }

    /// <summary>The mapping as an import keeps it: a field's name per column, "" when ignored.</summary>
    public static List<string> Store(IEnumerable<ImportField?> mapping) => [.. mapping.Select(f => f?.ToString() ?? "")];

    public static ImportField?[] Restore(IReadOnlyList<string> stored, int columns) =>
        [.. Enumerable.Range(0, columns).Select(i => i < stored.Count && Enum.TryParse<ImportField>(stored[i], out var f) ? f : (ImportField?)null)];

    // Headers compared without case, spaces or punctuation: "E-mail", "email" and "E MAIL" are one.
    private static string Key(string header) =>
        string.Concat(header.Normalize().Where(char.IsLetterOrDigit)).ToLower(CultureInfo.InvariantCulture);
}
