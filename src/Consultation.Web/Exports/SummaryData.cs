namespace Consultation.Web.Exports;

using Consultation.Web.Domain;

/// <summary>Everything the first Excel summary shows, already counted: the builder only lays it out.</summary>
public sealed record SummaryData(
    string Title,
    string Slug,
    IReadOnlyList<int> Versions,
    IReadOnlyList<string> Languages,
    DateTimeOffset CompiledAt,
    int Submitted,
    int InProgress,
    IReadOnlyList<(string Language, int Count)> ByLanguage,
    IReadOnlyDictionary<SectorGroup, int> BySector,
    IReadOnlyList<QuestionSummary> Questions,
    string LabelLanguage = "en")
{
    /// <summary>The sector columns, always all of them and in this order, so that summaries from different consultations merge.</summary>
    public static IReadOnlyList<SectorGroup> Sectors { get; } = Enum.GetValues<SectorGroup>();
}

/// <summary>The sectors as summaries count them: the respondent's sector, or that none was stated.</summary>
public enum SectorGroup { Academia, CivilSociety, Government, Industry, Other, NotStated }

public static class SectorGroups
{
    public static SectorGroup Of(Sector? sector) => sector switch
    {
        Sector.Academia => SectorGroup.Academia,
        Sector.CivilSociety => SectorGroup.CivilSociety,
        Sector.Government => SectorGroup.Government,
        Sector.Industry => SectorGroup.Industry,
        Sector.Other => SectorGroup.Other,
        _ => SectorGroup.NotStated,
    };

    public static Sector? ToSector(this SectorGroup group) => group == SectorGroup.NotStated ? null : Enum.Parse<Sector>(group.ToString());
}

/// <summary>A closed question's counts: how many answered it, overall and per sector, and how many chose each option.</summary>
public sealed record QuestionSummary(
    string Code,
    string Label,
    int Answered,
    IReadOnlyDictionary<SectorGroup, int> AnsweredBySector,
    IReadOnlyList<OptionSummary> Options);

public sealed record OptionSummary(string Code, string Label, int Count, IReadOnlyDictionary<SectorGroup, int> BySector);

/// <summary>The workbook's words in the analyst's language, given to the builder so that it stays free of services.</summary>
public sealed record SummaryLabels(
    string Consultation,
    string Address,
    string Versions,
    string Languages,
    string CompiledAt,
    string Submitted,
    string InProgress,
    string ByLanguage,
    string BySector,
    string Language,
    string Sector,
    string Responses,
    string QuestionCode,
    string Question,
    string OptionCode,
    string Option,
    string Answered,
    string Count,
    string Share,
    string AllRespondents,
    Func<SectorGroup, string> SectorName,
    Func<string, string> LanguageName,
    string HowToRead);
