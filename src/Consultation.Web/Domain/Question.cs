namespace Consultation.Web.Domain;

public sealed class Question
{
    private readonly List<QuestionOption> _options = [];

    private Question() { }

    internal Question(Guid sectionId, string code, QuestionType type, bool isRequired, int position)
    {
        Id = Guid.NewGuid();
        SectionId = sectionId;
        Code = code;
        Type = type;
        IsRequired = isRequired;
        Position = position;
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
    public int? MaxSelections { get; private set; }
    public decimal? Minimum { get; private set; }
    public decimal? Maximum { get; private set; }
    public bool AllowsDecimals { get; private set; }
    public IReadOnlyList<QuestionOption> Options => _options;

    public bool HasOptions => Type is QuestionType.SingleChoice or QuestionType.MultipleChoice or QuestionType.Scale;

    public QuestionOption AddOption(string code, Sector? sector = null, bool isNoOpinion = false)
    {
        if (!HasOptions)
            throw new DomainException($"A {Type} question has no options.");
        if (!Consultation.CodePattern().IsMatch(code) && !int.TryParse(code, out _))
            throw new DomainException($"'{code}' is not a valid option code.");
        if (_options.Any(o => o.Code == code))
            throw new DomainException($"The option code '{code}' is already used in question '{Code}'.");
        var option = new QuestionOption(Id, code, _options.Count, sector, isNoOpinion);
        _options.Add(option);
        return option;
    }

    public Question ShownAsDropdown()
    {
        if (Type != QuestionType.SingleChoice)
            throw new DomainException("Only a single-choice question can be shown as a dropdown.");
        AsDropdown = true;
        return this;
    }

    public Question DescribesRespondent(ProfileField profile)
    {
        Profile = profile;
        return this;
    }

    public Question LimitLength(int maxLength)
    {
        if (Type is not (QuestionType.ShortText or QuestionType.LongText))
            throw new DomainException("Only text questions have a length limit.");
        if (maxLength < 1)
            throw new DomainException("A length limit must be at least one character.");
        MaxLength = maxLength;
        return this;
    }

    public Question LimitSelections(int maxSelections)
    {
        if (Type != QuestionType.MultipleChoice)
            throw new DomainException("Only a multiple-choice question limits selections.");
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
}
