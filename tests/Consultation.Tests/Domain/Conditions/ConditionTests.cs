namespace Consultation.Tests.Domain.Conditions;

using System.Text.Json;
using Consultation.Web.Domain;
using Consultation.Web.Domain.Conditions;

public sealed class ConditionTests
{
    [Theory]
    [InlineData("a='x'and(b>3 or not answered(c))", "a = 'x' and (b > 3 or not answered(c))")]
    [InlineData("  a  =  'O''Brien'  ", "a = 'O''Brien'")]
    [InlineData("(a = 'x' and b = 'y') and c = 'z'", "a = 'x' and b = 'y' and c = 'z'")]
    [InlineData("a = 'x' or (b = 'y' and c = 'z')", "a = 'x' or b = 'y' and c = 'z'")]
    [InlineData("not(a = 'x' or b = 'y')", "not (a = 'x' or b = 'y')")]
    [InlineData("not ( not answered( a ) )", "not not answered(a)")]
    [InlineData("a in('x','y')", "a in ('x', 'y')")]
    [InlineData("selected( a ,'x' )", "selected(a, 'x')")]
    [InlineData("m.r!=-2.50", "m.r != -2.50")]
    public void Text_IsTheStandardForm(string written, string expected) => Assert.Equal(expected, Condition.Parse(written).Text);

    [Fact]
    public void References_AreTheQuestionCodes_NotRowsOrTexts()
    {
        var condition = Condition.Parse("a = 'b' or grid.row = 'c' or selected(d, 'e') or not answered(a)");
        Assert.Equal(["a", "d", "grid"], condition.References.Order());
    }

    [Fact]
    public void Parse_BadSyntax_ThrowsWithKindAndPosition()
    {
        var thrown = Assert.Throws<ConditionException>(() => Condition.Parse("a = 'x' and"));
        Assert.Equal((ConditionErrorKind.UnexpectedEnd, 11), (thrown.Error.Kind, thrown.Error.Position));
    }

    [Fact]
    public void Parse_ChecksSyntaxOnly_SoAStoredConditionStillEvaluates()
    {
        var condition = Condition.Parse("gone = 'x' or answered(here)");
        Assert.True(condition.Evaluate(Answers("""{"here": "yes"}""")));
    }

    [Theory]
    [InlineData("""{"a": true, "m": true}""")]
    [InlineData("""{"a": {"x": 1}, "m": ["x"]}""")]
    [InlineData("""{"a": [1, null, {"b": 2}], "m": 3}""")]
    [InlineData("""{"a": 1e300, "m": {"r": ["x"]}}""")]
    [InlineData("""{"a": 79228162514264337593543950336, "m": {"r": 7}}""")]
    [InlineData("""{"a": null, "m": null}""")]
    public void Evaluate_AnswersOfAnyShape_NeverThrow(string json)
    {
        var answers = Answers(json);
        foreach (var text in new[] { "a = 'x'", "a != 'x'", "a < 3", "a >= -1.5", "a in ('x', 'y')", "a in (1, 2)", "selected(a, 'x')", "answered(a)", "m.r = 'x'", "m.r in ('x')", "answered(m.r)" })
            _ = Condition.Parse(text).Evaluate(answers);
        Assert.False(Condition.Parse("a = 'x' or m.r = 'x' or a = 1").Evaluate(answers));
    }

    [Fact]
    public void Rename_ChangesTheQuestionCodeOnly_AndKeepsTheWriting()
    {
        var renamed = Condition.Rename("role='role'  and answered(grid.role) and roles > 1 or selected( role ,'x')", "role", "kind");
        Assert.Equal("kind='role'  and answered(grid.role) and roles > 1 or selected( kind ,'x')", renamed);
    }

    [Theory]
    [InlineData("and")]
    [InlineData("Kind")]
    [InlineData("1kind")]
    public void Rename_ToWhatCannotBeACode_Throws(string newCode) =>
        Assert.Throws<ArgumentException>(() => Condition.Rename("role = 'x'", "role", newCode));

    [Fact]
    public void ReservedWords_AreTheKeywords() =>
        Assert.Equal(["and", "answered", "in", "not", "or", "selected"], Condition.ReservedWords.Order());

    [Fact]
    public void Check_Valid_GivesTheCondition_AndNoError()
    {
        var result = Condition.Check("answered(a)", [new ConditionSubject("a", QuestionType.ShortText, [], [])]);
        Assert.True(result.IsValid);
        Assert.Null(result.Error);
        Assert.Equal("answered(a)", result.Condition.Text);
    }

    [Fact]
    public void Check_Invalid_GivesTheErrorWithItsMessageAndArguments()
    {
        var result = Condition.Check("a = 'x'", [new ConditionSubject("b", QuestionType.ShortText, [], [])]);
        Assert.False(result.IsValid);
        Assert.Null(result.Condition);
        Assert.Equal(new ConditionError(ConditionErrorKind.UnknownQuestion, 0, ConditionError.Messages.UnknownQuestion) with { Arguments = result.Error.Arguments }, result.Error);
        Assert.Equal(["a"], result.Error.Arguments);
    }

    private static AnswerSet Answers(string json) =>
        new(JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!);
}

public sealed class ApplyShowIfTests
{
    private static readonly (string Code, string? ShowIf)[] Questions =
        [("role", null), ("staff", "role = 'ngo'"), ("budget", "staff > 10"), ("other", "not answered(budget)"), ("broken", "role = ")];

    [Fact]
    public void ApplyShowIf_HidesInOrder_SoAHiddenAnswerHidesWhatDependsOnIt()
    {
        var answers = AnswerSet.FromJson("""{"role": "company", "staff": 12, "staff.other": "x", "budget": "1M", "broken": "kept"}""");

        var (shown, hidden) = Condition.ApplyShowIf(Questions, answers);

        Assert.Equal(["budget", "staff"], hidden.Order());
        Assert.Equal("""{"role":"company","broken":"kept"}""", shown.ToJson());
    }

    [Fact]
    public void ApplyShowIf_KeepsEveryAnswer_WhenEveryConditionHolds()
    {
        var answers = AnswerSet.FromJson("""{"role": "ngo", "staff": 12, "budget": "1M"}""");

        var (shown, hidden) = Condition.ApplyShowIf(Questions, answers);

        Assert.Equal(["other"], hidden);
        Assert.Equal(answers.ToJson(), shown.ToJson());
    }
}
