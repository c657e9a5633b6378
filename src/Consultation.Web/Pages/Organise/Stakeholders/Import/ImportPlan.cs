namespace Consultation.Web.Pages.Organise.Stakeholders.Import;

using System.Globalization;
using Consultation.Web.Domain;
using Consultation.Web.Localization;
using Microsoft.Extensions.Localization;

public enum RowOutcome { New, Update, Skip, Invalid }

/// <summary>What an import will do with one row, and why when it will not import it.</summary>
public sealed record PlannedRow(int Number, RowOutcome Outcome, IReadOnlyList<string> Problems, Stakeholder? Added, StakeholderDetails? Update, Stakeholder? Existing);

/// <summary>
/// Every row of a file checked against the registry's rules and against the people already in it: what the preview
/// shows and what the import then does, computed the same way both times. A blank mapped cell leaves the field as it
/// is (its default for a new person, the registry's value for an update): an import never blanks what it does not know.
/// </summary>
public sealed class ImportPlan
{
    private static readonly Lazy<Dictionary<string, string>> CountryNames = new(() =>
        Countries.Codes.Select(c => (Code: c, Region: new RegionInfo(c)))
            .SelectMany(x => new[] { (x.Region.EnglishName, x.Code), (x.Region.Name, x.Code) })
            .GroupBy(x => x.Item1, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().Code, StringComparer.OrdinalIgnoreCase));

    private static readonly Lazy<Dictionary<string, string>> LanguageNames = new(() =>
        ContentLanguages.All.GroupBy(c => c.EnglishName, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().Name, StringComparer.OrdinalIgnoreCase));

    public required IReadOnlyList<PlannedRow> Rows { get; init; }
    public int New => Rows.Count(r => r.Outcome == RowOutcome.New);
    public int Updates => Rows.Count(r => r.Outcome == RowOutcome.Update);
    public int Skipped => Rows.Count(r => r.Outcome == RowOutcome.Skip);
    public int Invalid => Rows.Count(r => r.Outcome == RowOutcome.Invalid);

    /// <param name="existing">The registry's people with an address in the file, by normalised address.</param>
    public static ImportPlan Make(ImportTable table, IReadOnlyList<ImportField?> mapping, DuplicateChoice duplicates,
        IReadOnlyDictionary<string, Stakeholder> existing, IStringLocalizer s, DateTimeOffset now)
    {
        var columns = Enum.GetValues<ImportField>().ToDictionary(f => f, f => mapping.ToList().IndexOf(f));
        var sectors = SectorNames(s);
        var firstRows = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new List<PlannedRow>(table.Rows.Count);
        foreach (var row in table.Rows)
        {
            string? Cell(ImportField field) => columns[field] is >= 0 and var i && row.Cell(i).Trim() is { Length: > 0 } text ? text : null;
            var problems = new List<string>();

            var name = Cell(ImportField.Name);
            if (name is null)
                problems.Add(s["The name is missing."]);
            var email = Cell(ImportField.Email);
            string? normalised = null;
            if (email is null)
                problems.Add(s["The email address is missing."]);
            else if (!Stakeholder.IsEmailAddress(email))
                problems.Add(s["'{0}' is not an email address.", email]);
            else if (firstRows.TryGetValue(normalised = Stakeholder.Normalise(email), out var first))
                problems.Add(s["The same address as row {0}.", first]);
            else
                firstRows[normalised] = row.Number;

            var country = Cell(ImportField.Country) is { } countryText ? Countries.Known(countryText) ?? CountryNames.Value.GetValueOrDefault(countryText) : null;
            if (country is null && Cell(ImportField.Country) is { } unknownCountry)
                problems.Add(s["Unknown country: '{0}'.", unknownCountry]);
            var language = Cell(ImportField.PreferredLanguage) is { } languageText ? ContentLanguages.Known(languageText) ?? LanguageNames.Value.GetValueOrDefault(languageText) : null;
            if (language is null && Cell(ImportField.PreferredLanguage) is { } unknownLanguage)
                problems.Add(s["Unknown language: '{0}'.", unknownLanguage]);
            var zone = Cell(ImportField.TimeZone);
            if (zone is not null && (ZonedTime.Find(zone) is null || zone.Length > Stakeholder.TimeZoneLength))
                problems.Add(s["Unknown time zone: '{0}'.", zone]);
            Sector? sector = null;
            if (Cell(ImportField.Sector) is { } sectorText)
            {
                if (sectors.TryGetValue(Key(sectorText), out var known))
                    sector = known;
                else
                    problems.Add(s["Unknown sector: '{0}'.", sectorText]);
            }
            var consent = YesNo(ImportField.ConsentGiven);
            var neverEmail = YesNo(ImportField.NeverEmail);
            DateOnly? consentDate = null;
            if (Cell(ImportField.ConsentDate) is { } dateText)
            {
                if (DateOnly.TryParseExact(dateText.Length > 10 ? dateText[..10] : dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                    consentDate = date;
                else
                    problems.Add(s["'{0}' is not a date: write it as 2026-12-31.", dateText]);
            }

            var match = normalised is null ? null : existing.GetValueOrDefault(normalised);
            if (problems.Count > 0)
            {
                rows.Add(new PlannedRow(row.Number, RowOutcome.Invalid, problems, null, null, null));
                continue;
            }
            var before = match?.Details() ?? new StakeholderDetails("", "", null, Domain.Sector.Other, null, UiLanguages.Default);
            var details = before with
            {
                Name = name!,
                Email = match is null ? email! : before.Email,
                Organisation = Cell(ImportField.Organisation) ?? before.Organisation,
                Sector = sector ?? before.Sector,
                Country = country ?? before.Country,
                PreferredLanguage = language ?? before.PreferredLanguage,
                TimeZone = zone ?? before.TimeZone,
                Tags = Cell(ImportField.Tags) is { } tags ? Stakeholder.CleanTags(tags.Split(',', ';')) : before.Tags,
                ConsentGiven = consent ?? before.ConsentGiven,
                ConsentDate = consentDate ?? before.ConsentDate,
                ConsentSource = Cell(ImportField.ConsentSource) ?? before.ConsentSource,
                Notes = Cell(ImportField.Notes) ?? before.Notes,
                NeverEmail = neverEmail ?? before.NeverEmail,
            };
            Stakeholder checkedNew;
            try
            {
                // The entity's own rules (lengths, tags, consent's date) decide, as they would on the form.
                checkedNew = Stakeholder.Create(details, now);
            }
            catch (DomainException refusal)
            {
                rows.Add(new PlannedRow(row.Number, RowOutcome.Invalid, [s.Explain(refusal)], null, null, null));
                continue;
            }
            rows.Add(match switch
            {
                null => new PlannedRow(row.Number, RowOutcome.New, [], checkedNew, null, null),
                _ when duplicates == DuplicateChoice.Update => new PlannedRow(row.Number, RowOutcome.Update, [], null, details, match),
                _ => new PlannedRow(row.Number, RowOutcome.Skip, [s["Already in the registry as {0}: skipped.", match.Name]], null, null, match),
            });

            bool? YesNo(ImportField field)
            {
                if (Cell(field) is not { } text)
                    return null;
                switch (text.ToLowerInvariant())
                {
                    case "yes" or "y" or "true" or "1":
                        return true;
                    case "no" or "n" or "false" or "0":
                        return false;
                    default:
                        problems.Add(s["'{0}' is not yes or no.", text]);
                        return null;
                }
            }
        }
        return new ImportPlan { Rows = rows };
    }

    /// <summary>The addresses of the file's rows in the mapped email column, normalised: whom to look for in the registry.</summary>
    public static List<string> Addresses(ImportTable table, IReadOnlyList<ImportField?> mapping)
    {
        var column = mapping.ToList().IndexOf(ImportField.Email);
        return column < 0 ? [] : [.. table.Rows.Select(r => Stakeholder.Normalise(r.Cell(column))).Where(e => e.Length > 0).Distinct()];
    }

    // The enum's names and the sectors' labels in every interface language.
    private static Dictionary<string, Sector> SectorNames(IStringLocalizer s)
    {
        var names = new Dictionary<string, Sector>(StringComparer.Ordinal);
        foreach (var sector in Enum.GetValues<Sector>())
        {
            names.TryAdd(Key(sector.ToString()), sector);
            foreach (var language in UiLanguages.Supported)
            {
                using var scope = CultureScope.WordsIn(language);
                names.TryAdd(Key(Labels.Sector(s, sector)), sector);
            }
        }
        return names;
    }

    private static string Key(string text) => string.Concat(text.Normalize().Where(char.IsLetterOrDigit)).ToLower(CultureInfo.InvariantCulture);
}
