namespace Consultation.Web.Domain;

/// <summary>A statement of a matrix question; respondents answer each on the question's scale.</summary>
public sealed class QuestionRow
{
    private QuestionRow() { }

    internal QuestionRow(Guid questionId, string code, int position)
    {
        Id = Guid.NewGuid();
        QuestionId = questionId;
        Code = code;
        Position = position;
    }

    public Guid Id { get; private set; }
    public Guid QuestionId { get; private set; }
    public string Code { get; private set; } = "";
    public int Position { get; private set; }

    internal void MoveTo(int position) => Position = position;

    internal void Recode(string code) => Code = code;
}
