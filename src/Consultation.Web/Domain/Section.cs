namespace Consultation.Web.Domain;

public sealed class Section
{
    private readonly List<Question> _questions = [];

    private Section() { }

    internal Section(Guid consultationId, string code, int position)
    {
        Id = Guid.NewGuid();
        ConsultationId = consultationId;
        Code = code;
        Position = position;
    }

    public Guid Id { get; private set; }
    public Guid ConsultationId { get; private set; }
    public string Code { get; private set; } = "";
    public int Position { get; private set; }
    public IReadOnlyList<Question> Questions => _questions;

    public Question AddQuestion(Consultation consultation, string code, QuestionType type, bool isRequired)
    {
        consultation.EnsureCodeIsFree(code);
        var question = new Question(Id, code, type, isRequired, _questions.Count);
        _questions.Add(question);
        return question;
    }
}
