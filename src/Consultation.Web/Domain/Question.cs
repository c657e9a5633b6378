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

    /// <summary>PostgreSQL's row version (xmin): two organisers saving from the same reading cannot both succeed.</summary>
    public uint Version { get; private set; }

    /// <summary>When an organiser last saved it; also what makes a change of its texts alone a change of its row.</summary>
    public DateTimeOffset? UpdatedAt { get; private set; }
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
            throw new DomainException("This type of question has no options.");
        if (!Consultation.CodePattern().IsMatch(code) && !int.TryParse(code, out _))
            throw new DomainException("'{0}' is not a valid option code.", code);
        if (_options.Any(o => o.Code == code))
            throw new DomainException("The option code '{0}' is already used in question '{1}'.", code, Code);
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
            throw new DomainException("Only a matrix question has rows.");
        if (!Consultation.CodePattern().IsMatch(code))
            throw new DomainException("'{0}' is not a valid row code.", code);
        if (_rows.Any(r => r.Code == code))
            throw new DomainException("The row code '{0}' is already used in question '{1}'.", code, Code);
        var row = new QuestionRow(Id, code, NextPosition(_rows.Select(r => r.Position)));
        _rows.Add(row);
        return row;
    }

    /// <summary>Sets what an option means beyond its text: a sector (type of respondent), "no opinion" (scales) or "Other, please specify" (choices).</summary>
    public void MarkOption(string code, Sector? sector, bool isNoOpinion, bool isOther)
    {
        var option = FindOption(code);
        if (sector is not null && Profile != ProfileField.RespondentType)
            throw new DomainException("Only the type-of-respondent question gives sectors.");
        if (isNoOpinion && Type is not (QuestionType.Scale or QuestionType.Matrix))
            throw new DomainException("Only a scale offers 'no opinion'.");
        if (isOther && (!CanOfferOther || _options.Any(o => o.IsOther && o != option)))
            throw new DomainException("Only one 'Other, please specify' option, on a choice question.");
        option.Mark(sector, isNoOpinion, isOther);
    }

    internal void RecodeOption(string code, string newCode)
    {
        var option = FindOption(code);
        if (!Consultation.CodePattern().IsMatch(newCode) && !int.TryParse(newCode, out _))
            throw new DomainException("'{0}' is not a valid option code.", newCode);
        if (_options.Any(o => o.Code == newCode))
            throw new DomainException("The option code '{0}' is already used in question '{1}'.", newCode, Code);
        option.Recode(newCode);
    }

    internal void RecodeRow(string code, string newCode)
    {
        var row = _rows.Find(r => r.Code == code) ?? throw new DomainException("No row '{0}'.", code);
        if (!Consultation.CodePattern().IsMatch(newCode))
            throw new DomainException("'{0}' is not a valid row code.", newCode);
        if (_rows.Any(r => r.Code == newCode))
            throw new DomainException("The row code '{0}' is already used in question '{1}'.", newCode, Code);
        row.Recode(newCode);
    }

    public void RemoveOption(string code) => _options.Remove(FindOption(code));

    public void RemoveRow(string code) => _rows.Remove(_rows.Find(r => r.Code == code) ?? throw new DomainException("No row '{0}'.", code));

    /// <summary>Moves an option one place up (-1) or down (+1) among the options.</summary>
    public void MoveOption(string code, int step) => Positions.Move(_options, FindOption(code), step, o => o.Position, (o, p) => o.MoveTo(p));

    public void MoveRow(string code, int step) =>
        Positions.Move(_rows, _rows.Find(r => r.Code == code) ?? throw new DomainException("No row '{0}'.", code), step, r => r.Position, (r, p) => r.MoveTo(p));

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
            throw new DomainException("A length limit is between 1 and {0} characters.", ContentLimits.LongText);
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
            throw new DomainException("A file limit is between 1 and {0} MB.", LargestFileMegabytes);
        var types = allowedFileTypes.Select(t => t.Trim().TrimStart('.').ToLowerInvariant()).Where(t => t.Length > 0).Distinct().ToList();
        if (types.Count == 0 || types.Any(t => !UploadableFileTypes.Contains(t)))
            throw new DomainException("Choose at least one of the file types offered.");
        MaxFileMegabytes = maxFileMegabytes;
        AllowedFileTypes = types;
        return this;
    }

    internal void ShowOnlyIf(string? condition) => ShowIf = string.IsNullOrWhiteSpace(condition) ? null : condition.Trim();

    internal void Recode(string code) => Code = code;

    /// <summary>Records that an organiser saved this element, so that its row version moves even when only its texts changed.</summary>
    public void Touch(DateTimeOffset now) => UpdatedAt = now;

    internal void MoveTo(Guid sectionId, int position) => (SectionId, Position) = (sectionId, position);

    private QuestionOption FindOption(string code) =>
        _options.Find(o => o.Code == code) ?? throw new DomainException("No option '{0}' in question '{1}'.", code, Code);

    private static int NextPosition(IEnumerable<int> positions) => positions.DefaultIfEmpty(-1).Max() + 1;
}
