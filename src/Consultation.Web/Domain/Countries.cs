using System.Globalization;

namespace Consultation.Web.Domain;

/// <summary>Countries as ISO 3166-1 alpha-2 codes, from the region data on this machine.</summary>
public static class Countries
{
    // ICU also answers for codes ISO 3166-1 does not assign: the invariant region, Serbia and Montenegro, Kosovo.
    private static readonly HashSet<string> NotAssigned = ["IV", "CS", "XK"];

    private static readonly Lazy<IReadOnlyList<string>> AllCodes = new(() =>
        [.. from a in Enumerable.Range('A', 26) from b in Enumerable.Range('A', 26)
            let code = $"{(char)a}{(char)b}"
            where !NotAssigned.Contains(code) && Region(code)?.TwoLetterISORegionName == code
            select code]);

    public static IReadOnlyList<string> Codes => AllCodes.Value;

    /// <summary>The code in capitals when it names a country, otherwise null.</summary>
    public static string? Known(string? code) =>
        code?.Trim().ToUpperInvariant() is { Length: 2 } upper && Codes.Contains(upper) ? upper : null;

    /// <summary>"Kenya (KE)".</summary>
    public static string Label(string code) => Region(code) is { } region ? $"{region.DisplayName} ({code})" : code;

    private static RegionInfo? Region(string code)
    {
        try
        {
            return new RegionInfo(code);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
