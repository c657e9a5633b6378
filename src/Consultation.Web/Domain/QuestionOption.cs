namespace Consultation.Web.Domain;

public sealed class QuestionOption
{
    private QuestionOption() { }

    internal QuestionOption(Guid questionId, string code, int position, Sector? sector, bool isNoOpinion, bool isOther)
    {
        Id = Guid.NewGuid();
        QuestionId = questionId;
        Code = code;
        Position = position;
        Sector = sector;
        IsNoOpinion = isNoOpinion;
        IsOther = isOther;
    }

    public Guid Id { get; private set; }
    public Guid QuestionId { get; private set; }
    public string Code { get; private set; } = "";
    public int Position { get; private set; }

    /// <summary>For a type-of-respondent question: the sector this answer places the respondent in.</summary>
    public Sector? Sector { get; private set; }

    /// <summary>"No opinion" on a scale: counted apart, never as a point of the scale.</summary>
    public bool IsNoOpinion { get; private set; }

    /// <summary>"Other, please specify": choosing it asks for a text, stored under <see cref="AnswerSet.OtherKey"/>.</summary>
    public bool IsOther { get; private set; }

    internal void MoveTo(int position) => Position = position;

    internal void Recode(string code) => Code = code;

    internal void Mark(Sector? sector, bool isNoOpinion, bool isOther) => (Sector, IsNoOpinion, IsOther) = (sector, isNoOpinion, isOther);
}
