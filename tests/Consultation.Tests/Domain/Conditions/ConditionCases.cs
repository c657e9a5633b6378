namespace Consultation.Tests.Domain.Conditions;

using System.Text.Json;
using Consultation.Tests.Support;
using Consultation.Web.Domain;
using Consultation.Web.Domain.Conditions;

/// <summary>condition-cases.json: the one list of cases both the server and wwwroot/js/conditions.js must pass.</summary>
public static class ConditionCases
{
    public static string FilePath { get; } = Path.Combine(RepositoryRoot.Path, "tests", "Consultation.Tests", "Domain", "Conditions", "condition-cases.json");

    private static readonly Lazy<CasesFile> File = new(() =>
        JsonSerializer.Deserialize<CasesFile>(System.IO.File.ReadAllText(FilePath), JsonSerializerOptions.Web)!);

    public static IReadOnlyList<ConditionSubject> Questionnaire => File.Value.Questionnaire
        .Select(s => new ConditionSubject(s.Code, Enum.Parse<QuestionType>(s.Type), s.OptionCodes, s.RowCodes)).ToList();

    /// <summary>The questionnaire as the file writes it, the shape conditions.js takes.</summary>
    public static JsonElement QuestionnaireJson => JsonSerializer.SerializeToElement(File.Value.Questionnaire, JsonSerializerOptions.Web);

    public static IReadOnlyList<string> Later => File.Value.Later;

    public static IReadOnlyList<ConditionCase> All => File.Value.Cases;

    public static ConditionCase Named(string name) => All.Single(c => c.Name == name);

    public static TheoryData<string> Names => [.. All.Select(c => c.Name)];

    public sealed record ConditionCase(string Name, string Condition, string? Self, JsonElement? Answers, bool? Expected, string? Error, int? Position)
    {
        public AnswerSet AnswerSet => Answers is { ValueKind: JsonValueKind.Object } answers
            ? new AnswerSet(answers.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone()))
            : AnswerSet.Empty;
    }

    private sealed record SubjectEntry(string Code, string Type, List<string> OptionCodes, List<string> RowCodes);

    private sealed record CasesFile(List<SubjectEntry> Questionnaire, List<string> Later, List<ConditionCase> Cases);
}
