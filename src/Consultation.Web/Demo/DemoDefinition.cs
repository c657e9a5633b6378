namespace Consultation.Web.Demo;

using System.Text.Json;
using Consultation.Web.Domain;

/// <summary>The shape of Demo/*.json: a consultation with every text in every language, and a few stakeholders.</summary>
internal sealed record DemoDefinition(
    string Slug,
    string DefaultLanguage,
    List<string> Languages,
    AccessMode AccessMode,
    bool Anonymous,
    int EstimatedMinutes,
    int ClosesInDays,
    Dictionary<TextField, Dictionary<string, string>> Texts,
    Dictionary<string, List<DemoOption>> Scales,
    List<DemoSection> Sections,
    List<DemoStakeholder> Stakeholders)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static DemoDefinition Load(string name)
    {
        using var stream = typeof(DemoDefinition).Assembly.GetManifestResourceStream($"Demo/{name}.json")
            ?? throw new InvalidOperationException($"The demo definition '{name}' is not embedded.");
        return JsonSerializer.Deserialize<DemoDefinition>(stream, Json)
            ?? throw new InvalidOperationException($"The demo definition '{name}' is empty.");
    }
}

internal sealed record DemoSection(string Code, Dictionary<string, string> Title, List<DemoQuestion> Questions);

internal sealed record DemoQuestion(
    string Code,
    QuestionType Type,
    bool Required,
    Dictionary<string, string> Label,
    Dictionary<string, string>? Help,
    List<DemoOption>? Options,
    string? Scale,
    bool Dropdown,
    ProfileField Profile,
    int? MaxLength,
    int? MaxSelections,
    decimal? Minimum,
    decimal? Maximum,
    bool Decimals,
    string? ShowIf = null);

internal sealed record DemoOption(string Code, Dictionary<string, string> Label, Sector? Sector, bool NoOpinion);

/// <summary>A person of the demo registry; one with a source of consent gave it on the day the demo was seeded.</summary>
internal sealed record DemoStakeholder(string Name, string Email, string? Organisation, Sector Sector, string? Country, string Language,
    string TimeZone = "UTC", IReadOnlyList<string>? Tags = null, string? ConsentSource = null);
