using System.Globalization;
using System.Text;

namespace Consultation.Web.Domain;

/// <summary>
/// Suggests a code for a new element from its default-language text: the first words (up to 32 characters) in plain
/// lower-case letters ("Type of respondent" → "type_of_respondent"), or a numbered fallback when
/// the text has no Latin letters (Japanese, Korean), made unique among the codes already taken.
/// </summary>
public static class CodeSuggestion
{
    /// <summary>Long enough for a few words ("how_useful_is_the_network"), short enough for a column heading.</summary>
    private const int MaxLength = 32;

    public static string From(string text, string fallbackPrefix, IReadOnlyCollection<string> taken)
    {
        var stem = "";
        foreach (var word in Words(text))
        {
            var longer = stem.Length == 0 ? word : $"{stem}_{word}";
            if (longer.Length > MaxLength)
                break;
            stem = longer;
        }
        if (stem.Length == 0 || !char.IsAsciiLetterLower(stem[0]) || IsReserved(stem))
            return Numbered(fallbackPrefix, taken);
        if (!taken.Contains(stem))
            return stem;
        for (var n = 2; ; n++)
            if (!taken.Contains($"{stem}_{n}"))
                return $"{stem}_{n}";
    }

    private static string Numbered(string prefix, IReadOnlyCollection<string> taken)
    {
        for (var n = 1; ; n++)
            if (!taken.Contains($"{prefix}{n}"))
                return $"{prefix}{n}";
    }

    /// <summary>Words with their accents removed ("Société" → "societe"), keeping only a–z and 0–9.</summary>
    private static IEnumerable<string> Words(string text)
    {
        var word = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                continue;
            if (char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))
            {
                word.Append(c);
                continue;
            }
            if (word.Length > 0)
                yield return word.ToString();
            word.Clear();
        }
        if (word.Length > 0)
            yield return word.ToString();
    }

    private static bool IsReserved(string code) => code is "and" or "or" or "not" or "in" or "selected" or "answered";
}
