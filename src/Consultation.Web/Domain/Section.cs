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

    /// <summary>PostgreSQL's row version (xmin): two organisers saving from the same reading cannot both succeed.</summary>
    public uint Version { get; private set; }

    /// <summary>When an organiser last saved it; also what makes a change of its texts alone a change of its row.</summary>
    public DateTimeOffset? UpdatedAt { get; private set; }
    public IReadOnlyList<Question> Questions => _questions;

    public IEnumerable<Question> OrderedQuestions => _questions.OrderBy(q => q.Position);

    public Question AddQuestion(Consultation consultation, string code, QuestionType type, bool isRequired)
    {
        consultation.EnsureStructureCanChange();
        consultation.EnsureCodeIsFree(code);
        var question = new Question(Id, code, type, isRequired, _questions.Select(q => q.Position).DefaultIfEmpty(-1).Max() + 1);
        _questions.Add(question);
        return question;
    }

    internal void Take(Question question, bool atStart)
    {
        var position = atStart
            ? _questions.Select(q => q.Position).DefaultIfEmpty(0).Min() - 1
            : _questions.Select(q => q.Position).DefaultIfEmpty(-1).Max() + 1;
        question.MoveTo(Id, position);
        _questions.Add(question);
    }

    internal void Release(Question question) => _questions.Remove(question);

    internal void Recode(string code) => Code = code;

    /// <summary>Records that an organiser saved this element, so that its row version moves even when only its texts changed.</summary>
    public void Touch(DateTimeOffset now) => UpdatedAt = now;

    internal void MoveTo(int position) => Position = position;
}
