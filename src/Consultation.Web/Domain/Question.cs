namespace Consultation.Web.Domain;

public sealed class Question
{
    /// <summary>Largest upload an organiser may allow: position papers, not data sets.</summary>
    public const int LargestFileMegabytes = 20;

    /// <summary>File types an upload question may accept, by extension.</summary>
    public static readonly IReadOnlyList<string> UploadableFileTypes = ["pdf", "docx", "doc", "odt", "rtf", "txt", "xlsx", "ods", "pptx"];

    private readonly List<QuestionOption> _options = [];
    private readonly List<QuestionRow> _rows = [];

    private Question() { }

    internal Question(Guid sectionId, string code, QuestionType type, bool isRequired, int position)
    {
        Id = Guid.NewGuid();
        SectionId = sectionId;
        Code = code;
        Type = type;
        IsRequired = isRequired && type != QuestionType.Note;
        Position = position;
        if (type == QuestionType.FileUpload)
        {
            MaxFileMegabytes = 10;
            AllowedFileTypes = ["pdf", "docx", "odt"];
        }
        if (type == QuestionType.Rating)
            (Minimum, Maximum) = (0, 10);
    }

    public Guid Id { get; private set; }
    public Guid SectionId { get; private set; }
    public string Code { get; private set; } = "";
    public int Position { get; private set; }
    public QuestionType Type { get; private set; }
    public bool IsRequired { get; private set; }
    public bool AsDropdown { get; private set; }
    public ProfileField Profile { get; private set; }
    public int? MaxLength { get; private set; }
    public int? MinSelections { get; private set; }
    public int? MaxSelections { get; private set; }
    public decimal? Minimum { get; private set; }
    public decimal? Maximum { get; private set; }
    public bool AllowsDecimals { get; private set; }
    public int? MaxFileMegabytes { get; private set; }
    public List<string> AllowedFileTypes { get; private set; } = [];

    /// <summary>The condition on earlier answers that shows this question; null when it is always shown.</summary>
    public string? ShowIf { get; private set; }

    public IReadOnlyList<QuestionOption> Options => _options;

    /// <summary>The statements of a matrix question, each answered on the scale its options make.</summary>
    public IReadOnlyList<QuestionRow> Rows => _rows;

    public bool HasOptions => Type is QuestionType.SingleChoice or QuestionType.MultipleChoice or QuestionType.Scale
        or QuestionType.Ranking or QuestionType.Matrix;

    public bool HasRows => Type == QuestionType.Matrix;

    public bool CanOfferOther => Type is QuestionType.SingleChoice or QuestionType.MultipleChoice;

    public bool Asks => Type != QuestionType.Note;

    public QuestionOption AddOption(string code, Sector? sector = null, bool isNoOpinion = false, bool isOther = false)
    {
        if (!HasOptions)
            throw new DomainException($"A {Type} question has no options.");
        if (!Consultation.CodePattern().IsMatch(code) && !int.TryParse(code, out _))
            throw new DomainException($"'{code}' is not a valid option code.");
        if (_options.Any(o => o.Code == code))
            throw new DomainException($"The option code '{code}' is already used in question '{Code}'.");
        if (isOther && (!CanOfferOther || _options.Any(o => o.IsOther)))
            throw new DomainException("Only one 'Other, please specify' option, on a choice question.");
        if (isNoOpinion && Type is not (QuestionType.Scale or QuestionType.Matrix))
            throw new DomainException("Only a scale offers 'no opinion'.");
        var option = new QuestionOption(Id, code, NextPosition(_options.Select(o => o.Position)), sector, isNoOpinion, isOther);
        _options.Add(option);
        return option;
    }

    public QuestionRow AddRow(string code)
    {
        if (!HasRows)
            throw new DomainException($"A {Type} question has no rows.");
        if (!Consultation.CodePattern().IsMatch(code))
            throw new DomainException($"'{code}' is not a valid row code.");
        if (_rows.Any(r => r.Code == code))
            throw new DomainException($"The row code '{code}' is already used in question '{Code}'.");
        var row = new QuestionRow(Id, code, NextPosition(_rows.Select(r => r.Position)));
        _rows.Add(row);
        return row;
    }

    public void RemoveOption(string code) => _options.Remove(FindOption(code));

    public void RemoveRow(string code) => _rows.Remove(_rows.Find(r => r.Code == code) ?? throw new DomainException($"No row '{code}'."));

    /// <summary>Moves an option one place up (-1) or down (+1) among the options.</summary>
    public void MoveOption(string code, int step) => Positions.Move(_options, FindOption(code), step, o => o.Position, (o, p) => o.MoveTo(p));

    public void MoveRow(string code, int step) =>
        Positions.Move(_rows, _rows.Find(r => r.Code == code) ?? throw new DomainException($"No row '{code}'."), step, r => r.Position, (r, p) => r.MoveTo(p));

    public Question ShownAsDropdown(bool asDropdown = true)
    {
        if (asDropdown && Type != QuestionType.SingleChoice)
            throw new DomainException("Only a single-choice question can be shown as a dropdown.");
        AsDropdown = asDropdown;
        return this;
    }

    public Question DescribesRespondent(ProfileField profile)
    {
        if (profile == ProfileField.RespondentType && Type != QuestionType.SingleChoice)
            throw new DomainException("The type of respondent is a single-choice question.");
        if (profile is ProfileField.Country or ProfileField.Organisation && Type is not (QuestionType.SingleChoice or QuestionType.ShortText))
            throw new DomainException("A country or organisation is a single choice or a short text.");
        Profile = profile;
        return this;
    }

    public Question Require(bool isRequired)
    {
        IsRequired = isRequired && Asks;
        return this;
    }

    public Question LimitLength(int? maxLength)
    {
        if (maxLength is not null && Type is not (QuestionType.ShortText or QuestionType.LongText))
            throw new DomainException("Only text questions have a length limit.");
        if (maxLength is < 1 or > ContentLimits.LongText)
            throw new DomainException($"A length limit is between 1 and {ContentLimits.LongText} characters.");
        MaxLength = maxLength;
        return this;
    }

    public Question LimitSelections(int? maxSelections) => LimitSelections(MinSelections, maxSelections);

    public Question LimitSelections(int? minSelections, int? maxSelections)
    {
        if ((minSelections ?? maxSelections) is not null && Type != QuestionType.MultipleChoice)
            throw new DomainException("Only a multiple-choice question limits selections.");
        if (minSelections < 1 || maxSelections < 1 || minSelections > maxSelections)
            throw new DomainException("Selections: the least is at least 1 and no more than the most.");
        MinSelections = minSelections;
        MaxSelections = maxSelections;
        return this;
    }

    public Question LimitRange(decimal? minimum, decimal? maximum, bool allowsDecimals)
    {
        if (Type != QuestionType.Number)
            throw new DomainException("Only a number question has a range.");
        if (minimum > maximum)
            throw new DomainException("The minimum must not exceed the maximum.");
        Minimum = minimum;
        Maximum = maximum;
        AllowsDecimals = allowsDecimals;
        return this;
    }

    public Question LimitUpload(int maxFileMegabytes, IEnumerable<string> allowedFileTypes)
    {
        if (Type != QuestionType.FileUpload)
            throw new DomainException("Only a file upload question has file limits.");
        if (maxFileMegabytes is < 1 or > LargestFileMegabytes)
            throw new DomainException($"A file limit is between 1 and {LargestFileMegabytes} MB.");
        var types = allowedFileTypes.Select(t => t.Trim().TrimStart('.').ToLowerInvariant()).Where(t => t.Length > 0).Distinct().ToList();
        if (types.Count == 0 || types.Any(t => !UploadableFileTypes.Contains(t)))
            throw new DomainException("Choose at least one of the file types offered.");
        MaxFileMegabytes = maxFileMegabytes;
        AllowedFileTypes = types;
        return this;
    }

    internal void ShowOnlyIf(string? condition) => ShowIf = string.IsNullOrWhiteSpace(condition) ? null : condition.Trim();

    internal void Recode(string code) => Code = code;

    internal void MoveTo(Guid sectionId, int position) => (SectionId, Position) = (sectionId, position);

    private QuestionOption FindOption(string code) =>
        _options.Find(o => o.Code == code) ?? throw new DomainException($"No option '{code}' in question '{Code}'.");

    private static int NextPosition(IEnumerable<int> positions) => positions.DefaultIfEmpty(-1).Max() + 1;
}
