namespace Consultation.Tests.Domain.Conditions;

using System.Reflection;
using System.Resources;
using System.Text.RegularExpressions;
using Consultation.Tests.Support;
using Consultation.Web.Domain.Conditions;
using Consultation.Web.Localization;

/// <summary>
/// The condition messages are constants, which the resource test's scanner does not see: this test
/// proves each is a key in every UI language, and that conditions.js carries the same English.
/// </summary>
public sealed partial class ConditionMessagesTests
{
    private static readonly ResourceManager Resources = new("Consultation.Web.Resources.SharedResource", typeof(Program).Assembly);

    public static TheoryData<string> Languages => [.. UiLanguages.Supported];

    private static List<string> Messages() => [.. typeof(ConditionError.Messages)
        .GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!)];

    [Theory]
    [MemberData(nameof(Languages))]
    public void EveryMessage_IsTranslated_InEveryLanguage(string language)
    {
        var culture = System.Globalization.CultureInfo.GetCultureInfo(language);
        var missing = Messages().Where(m => string.IsNullOrWhiteSpace(Resources.GetString(m, culture))
            || (language != UiLanguages.Default && Resources.GetString(m, culture) == m)).ToList();
        Assert.True(missing.Count == 0, $"Not translated in {language}:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void ConditionsScript_HasTheSameMessages()
    {
        var script = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "src", "Consultation.Web", "wwwroot", "js", "conditions.js"));
        var inScript = ScriptMessage().Matches(script).Select(m => m.Groups[1].Value.Replace("\\'", "'", StringComparison.Ordinal)).ToHashSet();
        Assert.Equal(Messages().ToHashSet(), inScript);
    }

    [GeneratedRegex(@"^\s+\w+: '((?:[^'\\]|\\.)*)',?$", RegexOptions.Multiline)]
    private static partial Regex ScriptMessage();
}
