namespace Consultation.Tests.Localization;

using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Consultation.Tests.Support;
using Consultation.Web.Domain;
using Consultation.Web.Localization;

/// <summary>Every UI string used in code or views exists, translated, in every UI language.</summary>
public sealed partial class ResourceTests
{
    // Values that are rightly the same as the English: layout-only keys and true cognates.
    private static readonly HashSet<(string Language, string Key)> SameAsEnglishAllowed =
    [
        ("fr", "Consultation"),
        ("fr", "Actions"),
        ("fr", "Administration"),
        ("fr", "Invitations"),
        ("fr", "Versions"),
        ("fr", "Question"),
        ("fr", "Option"),
        ("fr", "Option {0}"),
        ("fr", "Section {0}"),
        ("fr", "Question {0}"),
        ("fr", "Questionnaire"),
        ("fr", "Code"),
        ("fr", "Condition"),
        ("fr", "Date"),
        ("fr", "Options"),
        ("fr", "Organisation"),
        ("fr", "Section"),
        ("fr", "Type"),
        ("fr", "{0} ({1})"),
        ("fr", "Version {0}"),
        ("sw", "{0} ({1})"),
        ("ko", "“{0}” ({1})"),
        ("sw", "“{0}” ({1})"),
    ];

    public static TheoryData<string> Cultures => [.. UiLanguages.Supported.Where(l => l != UiLanguages.Default)];

    [Fact]
    public void NeutralResource_HoldsEveryKeyUsedInCodeAndViews()
    {
        var neutral = Load("SharedResource.resx");
        var missing = KeysUsed().Where(k => !neutral.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, "Missing from locales/SharedResource.resx:\n" + string.Join("\n", missing));
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void EachCulture_HasEveryKey_TranslatedAndNotEmpty(string culture)
    {
        var neutral = Load("SharedResource.resx");
        var translated = Load($"SharedResource.{culture}.resx");

        var missing = neutral.Keys.Except(translated.Keys).ToList();
        var stray = translated.Keys.Except(neutral.Keys).ToList();
        var empty = translated.Where(t => string.IsNullOrWhiteSpace(t.Value)).Select(t => t.Key).ToList();
        var untranslated = translated.Where(t => neutral.TryGetValue(t.Key, out var english) && t.Value == english
            && !SameAsEnglishAllowed.Contains((culture, t.Key))).Select(t => t.Key).ToList();

        Assert.True(missing.Count == 0, $"Missing in {culture}:\n" + string.Join("\n", missing));
        Assert.True(stray.Count == 0, $"Not in the neutral resource but in {culture}:\n" + string.Join("\n", stray));
        Assert.True(empty.Count == 0, $"Empty in {culture}:\n" + string.Join("\n", empty));
        Assert.True(untranslated.Count == 0, $"Same as English in {culture}:\n" + string.Join("\n", untranslated));
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void EachCulture_KeepsThePlaceholdersOfTheEnglish(string culture)
    {
        var translated = Load($"SharedResource.{culture}.resx");
        var broken = translated.Where(t => !Placeholders(t.Key).SetEquals(Placeholders(t.Value))).Select(t => t.Key).ToList();
        Assert.True(broken.Count == 0, $"Placeholders differ in {culture}:\n" + string.Join("\n", broken));
    }

    [Fact]
    public void KeyScanner_FindsKeysInViewsAndPageModels()
    {
        var keys = KeysUsed();
        Assert.Contains("Start now", keys);
        Assert.Contains("This link does not work", keys);
        Assert.Contains(AnswerReader.Messages.TooLong, keys);
        Assert.Contains("Enter your email address", keys);
    }

    private static HashSet<string> KeysUsed()
    {
        var source = System.IO.Path.Combine(RepositoryRoot.Path, "src", "Consultation.Web");
        var keys = Directory.EnumerateFiles(source, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{System.IO.Path.DirectorySeparatorChar}obj{System.IO.Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{System.IO.Path.DirectorySeparatorChar}bin{System.IO.Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => LocalizerCall().Matches(File.ReadAllText(f)).Select(m => Regex.Unescape(m.Groups[1].Value)))
            .ToHashSet();
        // Messages the domain returns as keys, localized by the page that shows them.
        foreach (var messages in new[] { typeof(AnswerReader.Messages), typeof(PublicationProblem.Messages), typeof(Consultation.DeadlineMessages), typeof(EmailTexts.Messages) })
            foreach (var field in messages.GetFields(BindingFlags.Public | BindingFlags.Static))
                keys.Add((string)field.GetValue(null)!);
        return keys;
    }

    private static Dictionary<string, string> Load(string file)
    {
        var path = System.IO.Path.Combine(RepositoryRoot.Path, "locales", file);
        Assert.True(File.Exists(path), $"locales/{file} does not exist.");
        return XDocument.Load(path).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");
    }

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value)];

    // S["…"] and s["…"]: the shared localizer's name in views and page models; ErrorMessage = "…" on input models.
    [GeneratedRegex("""(?:\b[sS]\[|ErrorMessage = |new DomainException\()"((?:[^"\\]|\\.)*)"[,\])]""")]
    private static partial Regex LocalizerCall();

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex Placeholder();
}
