namespace Consultation.Web.Pages.Organise.Questionnaire;

using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Consultation.Web.Domain;

/// <summary>What the question form posts: every setting as typed, so a refused save shows it back unchanged.</summary>
public sealed class QuestionInput
{
    [Required(ErrorMessage = "Enter a code")]
    public string Code { get; set; } = "";

    [Required(ErrorMessage = "Enter the question")]
    [StringLength(ContentLimits.Title, ErrorMessage = "Enter no more than {1} characters")]
    public string Label { get; set; } = "";

    [StringLength(ContentLimits.LongText, ErrorMessage = "Enter no more than {1} characters")]
    public string? Help { get; set; }

    public bool IsRequired { get; set; }
    public bool AsDropdown { get; set; }
    public ProfileField Profile { get; set; }
    public int? MaxLength { get; set; }
    public int? MinSelections { get; set; }
    public int? MaxSelections { get; set; }

    /// <summary>Range of a number question, written in the organiser's language ("2,5" in French).</summary>
    public string? Minimum { get; set; }

    public string? Maximum { get; set; }
    public bool AllowsDecimals { get; set; }
    public int? MaxFileMegabytes { get; set; }
    public List<string> AllowedFileTypes { get; set; } = [];

    [StringLength(2000, ErrorMessage = "Enter no more than {1} characters")]
    public string? ShowIf { get; set; }

    public ConditionInput NewCondition { get; set; } = new();

    /// <summary>The question's row version when the form was shown.</summary>
    public uint Version { get; set; }

    public List<ChoiceInput> Options { get; set; } = [];
    public List<ChoiceInput> Rows { get; set; } = [];

    /// <summary>One option or matrix row; <see cref="Original"/> is its code when the form was shown, empty for a new one.</summary>
    public sealed class ChoiceInput
    {
        public string? Original { get; set; }
        public string? Code { get; set; }

        [StringLength(ContentLimits.Title, ErrorMessage = "Enter no more than {1} characters")]
        public string? Label { get; set; }

        public Sector? Sector { get; set; }
        public bool IsNoOpinion { get; set; }
        public bool IsOther { get; set; }

        public bool IsBlank => string.IsNullOrEmpty(Original) && string.IsNullOrWhiteSpace(Code) && string.IsNullOrWhiteSpace(Label);
    }

    /// <summary>A condition built from a form: question, operator and value.</summary>
    public sealed class ConditionInput
    {
        public string? QuestionCode { get; set; }
        public string Operator { get; set; } = "=";
        public string? Option { get; set; }
        public string? Value { get; set; }
    }

    public static QuestionInput From(Consultation consultation, Question question, CultureInfo culture) => new()
    {
        Code = question.Code,
        Label = consultation.DefaultText(ElementKey.Question(question.Code), TextField.Label) ?? "",
        Help = consultation.DefaultText(ElementKey.Question(question.Code), TextField.Help),
        IsRequired = question.IsRequired,
        AsDropdown = question.AsDropdown,
        Profile = question.Profile,
        MaxLength = question.MaxLength,
        MinSelections = question.MinSelections,
        MaxSelections = question.MaxSelections,
        Minimum = question.Minimum?.ToString(culture),
        Maximum = question.Maximum?.ToString(culture),
        AllowsDecimals = question.AllowsDecimals,
        MaxFileMegabytes = question.MaxFileMegabytes,
        AllowedFileTypes = [.. question.AllowedFileTypes],
        ShowIf = question.ShowIf,
        Version = question.Version,
        Options = [.. question.Options.OrderBy(o => o.Position).Select(o => new ChoiceInput
        {
            Original = o.Code,
            Code = o.Code,
            Label = consultation.DefaultText(ElementKey.Option(question.Code, o.Code), TextField.Label),
            Sector = o.Sector,
            IsNoOpinion = o.IsNoOpinion,
            IsOther = o.IsOther,
        })],
        Rows = [.. question.Rows.OrderBy(r => r.Position).Select(r => new ChoiceInput
        {
            Original = r.Code,
            Code = r.Code,
            Label = consultation.DefaultText(ElementKey.Row(question.Code, r.Code), TextField.Label),
        })],
    };

    public void AddBlankRows(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Options.Add(new ChoiceInput());
            Rows.Add(new ChoiceInput());
        }
    }
}
