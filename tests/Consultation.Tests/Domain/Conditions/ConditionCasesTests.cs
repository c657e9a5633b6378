namespace Consultation.Tests.Domain.Conditions;

using Consultation.Web.Domain.Conditions;

/// <summary>The server's side of the shared cases; ConditionsInBrowserTests runs the same file in Chromium.</summary>
public sealed class ConditionCasesTests
{
    [Fact]
    public void CasesFile_CoversEveryErrorKind_AndOverAHundredCases()
    {
        var kinds = ConditionCases.All.Where(c => c.Error is not null).Select(c => Enum.Parse<ConditionErrorKind>(c.Error!)).ToHashSet();
        Assert.Equal(Enum.GetValues<ConditionErrorKind>().ToHashSet(), kinds);
        Assert.True(ConditionCases.All.Count > 100);
    }

    [Theory]
    [MemberData(nameof(ConditionCases.Names), MemberType = typeof(ConditionCases))]
    public void Check_ThenEvaluate_GivesTheExpectedResult(string name)
    {
        var @case = ConditionCases.Named(name);

        var result = Condition.Check(@case.Condition, ConditionCases.Questionnaire, @case.Self, ConditionCases.Later);

        if (@case.Error is { } error)
        {
            Assert.False(result.IsValid, $"Expected {error} at {@case.Position}, but the condition was accepted.");
            Assert.Equal((error, @case.Position), (result.Error.Kind.ToString(), (int?)result.Error.Position));
            return;
        }
        Assert.True(result.IsValid, $"Refused: {result.Error?.Kind} at {result.Error?.Position}.");
        Assert.Equal(@case.Expected, result.Condition.Evaluate(@case.AnswerSet));

        // The normalised text means the same and prints the same again.
        var reread = Condition.Check(result.Condition.Text, ConditionCases.Questionnaire, @case.Self, ConditionCases.Later);
        Assert.True(reread.IsValid, $"The printed text '{result.Condition.Text}' is refused.");
        Assert.Equal(result.Condition.Text, reread.Condition.Text);
        Assert.Equal(@case.Expected, reread.Condition.Evaluate(@case.AnswerSet));
    }
}

public sealed class RandomConditionsTests
{
    [Fact]
    public void Text_OfEveryAcceptedRandomCondition_ReadsBackTheSame_AndMeansTheSame()
    {
        var answerSets = ConditionCases.All.Select(c => c.AnswerSet).ToList();
        var accepted = 0;
        foreach (var text in RandomConditions.Generate(1000, seed: 6))
        {
            if (Condition.Check(text, ConditionCases.Questionnaire, laterCodes: ConditionCases.Later).Condition is not { } condition)
                continue;
            accepted++;
            var reread = Condition.Parse(condition.Text);
            Assert.Equal(condition.Text, reread.Text);
            Assert.All(answerSets, answers => Assert.Equal(condition.Evaluate(answers), reread.Evaluate(answers)));
        }
        Assert.InRange(accepted, 100, 900);
    }
}
