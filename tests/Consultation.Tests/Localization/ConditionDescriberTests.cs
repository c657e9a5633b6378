namespace Consultation.Tests.Localization;

using System.Globalization;
using Consultation.Web;
using Consultation.Web.Domain;
using Consultation.Web.Domain.Conditions;
using Consultation.Web.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

public sealed class ConditionDescriberTests
{
    private static readonly IReadOnlyList<ConditionSubject> Questions =
    [
        new("role", QuestionType.SingleChoice, ["ngo", "company"], []),
        new("topics", QuestionType.MultipleChoice, ["ai", "climate"], []),
        new("staff", QuestionType.Number, [], []),
        new("founded", QuestionType.Date, [], []),
        new("grid", QuestionType.Matrix, ["agree", "disagree"], ["funding"]),
        new("member", QuestionType.YesNo, [], []),
        new("name", QuestionType.ShortText, [], []),
    ];

    [Theory]
    [InlineData("role = 'ngo'", "“Who are you?” is “An NGO”")]
    [InlineData("role != 'ngo'", "“Who are you?” is not “An NGO”")]
    [InlineData("role in ('ngo', 'company')", "“Who are you?” is one of: An NGO, A company")]
    [InlineData("selected(topics, 'ai')", "“Topics” includes “Artificial intelligence”")]
    [InlineData("selected(role, 'ngo')", "“Who are you?” is “An NGO”")]
    [InlineData("staff >= 10.5", "“Staff” is 10.5 or more")]
    [InlineData("staff < 3", "“Staff” is less than 3")]
    [InlineData("founded < '2020-03-01'", "“Founded” is before Sunday, March 1, 2020")]
    [InlineData("grid.funding = 'agree'", "For “Grid”, “Funding is enough” is “Agree”")]
    [InlineData("member = 'yes'", "“Member?” is “Yes”")]
    [InlineData("name = 'Ada'", "“Name” is “Ada”")]
    [InlineData("not answered(name)", "“Name” is not answered")]
    [InlineData("answered(grid)", "“Grid” is answered")]
    [InlineData("role = 'ngo' and (staff > 10 or not answered(name))", "“Who are you?” is “An NGO” and either “Staff” is more than 10 or “Name” is not answered")]
    [InlineData("not (role = 'ngo' and member = 'no')", "not (“Who are you?” is “An NGO” and “Member?” is “No”)")]
    public void Describe_InEnglish(string condition, string expected) => Assert.Equal(expected, Describe(condition, "en-US"));

    [Fact]
    public void Describe_InFrench_UsesFrenchTemplatesNumbersAndDates() => Assert.Equal(
        "« Who are you? » est « An NGO » et « Staff » est supérieur ou égal à 10,5 et « Founded » est avant le dimanche 1 mars 2020",
        Describe("role = 'ngo' and staff >= 10.5 and founded < '2020-03-01'", "fr-FR"));

    [Fact]
    public void Describe_InJapanese_UsesJapaneseTemplates() => Assert.Equal(
        "「Member?」が「はい」、または「Name」が未回答", Describe("member = 'yes' or not answered(name)", "ja-JP"));

    private static string Describe(string text, string culture)
    {
        var (ui, formats) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            var condition = Condition.Check(text, Questions).Condition ?? throw new InvalidOperationException(text);
            return new ConditionDescriber(Localizer(), Questions, QuestionLabel, OptionLabel, (_, row) => row == "funding" ? "Funding is enough" : row).Describe(condition);
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, formats);
        }
    }

    private static IStringLocalizer Localizer() => new ServiceCollection()
        .AddLogging()
        .AddLocalization(o => o.ResourcesPath = "Resources")
        .BuildServiceProvider()
        .GetRequiredService<IStringLocalizer<SharedResource>>();

    private static string QuestionLabel(string code) => code switch
    {
        "role" => "Who are you?",
        "member" => "Member?",
        _ => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(code),
    };

    private static string OptionLabel(string question, string option) => option switch
    {
        "ngo" => "An NGO",
        "company" => "A company",
        "ai" => "Artificial intelligence",
        _ => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(option),
    };
}
