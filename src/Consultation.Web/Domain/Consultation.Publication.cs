using Consultation.Web.Domain.Conditions;

namespace Consultation.Web.Domain;

/// <summary>A reason a consultation cannot be published yet: a message (a UI resource key), its arguments, and the element to fix.</summary>
public sealed record PublicationProblem(string Message, object[] Arguments, string ElementKey)
{
    /// <summary>The messages publishing checks give; each is a key in the shared UI resources.</summary>
    public static class Messages
    {
        public const string Archived = "An archived consultation cannot be published.";
        public const string NoQuestion = "Add at least one question.";
        public const string ClosesBeforeOpening = "The closing time must be after the opening time.";
        public const string AlreadyClosed = "The closing time has already passed.";
        public const string NoOptions = "“{0}” has no options.";
        public const string NoStatements = "“{0}” has no statements.";
        public const string BrokenCondition = "The condition of “{0}” no longer holds: change it.";
        public const string MissingText = "A text is missing in {0}: {1}.";
    }
}

/// <summary>What publishing checks before a questionnaire is frozen and shown to stakeholders.</summary>
public sealed partial class Consultation
{
    public IReadOnlyList<PublicationProblem> PublicationProblems(DateTimeOffset now)
    {
        var problems = new List<PublicationProblem>();
        void Problem(string elementKey, string message, params object[] arguments) => problems.Add(new(message, arguments, elementKey));

        if (Status == ConsultationStatus.Archived)
            Problem(ElementKey.Consultation, PublicationProblem.Messages.Archived);
        var questions = OrderedQuestions.ToList();
        if (!questions.Any(q => q.Asks))
            Problem(ElementKey.Consultation, PublicationProblem.Messages.NoQuestion);
        if (OpensAt is { } opens && ClosesAt is { } closes && closes <= opens)
            Problem(ElementKey.Consultation, PublicationProblem.Messages.ClosesBeforeOpening);
        if (ClosesAt <= now)
            Problem(ElementKey.Consultation, PublicationProblem.Messages.AlreadyClosed);
        foreach (var question in questions)
        {
            if (question.HasOptions && question.Options.Count == 0)
                Problem(ElementKey.Question(question.Code), PublicationProblem.Messages.NoOptions, question.Code);
            if (question.HasRows && question.Rows.Count == 0)
                Problem(ElementKey.Question(question.Code), PublicationProblem.Messages.NoStatements, question.Code);
            if (question.ShowIf is { } condition)
            {
                var earlier = QuestionsBefore(question);
                var check = Condition.Check(condition, earlier.Select(ConditionSubject.Of).ToList(), question.Code,
                    questions.Skip(earlier.Count + 1).Select(q => q.Code).ToList());
                if (check.Error is not null)
                    Problem(ElementKey.Question(question.Code), PublicationProblem.Messages.BrokenCondition, question.Code);
            }
        }
        foreach (var (elementKey, field) in RequiredTexts())
        {
            foreach (var language in OfferedLanguages)
            {
                if (string.IsNullOrWhiteSpace(_texts.Find(t => t.ElementKey == elementKey && t.Field == field && t.Language == language)?.Text))
                    Problem(elementKey, PublicationProblem.Messages.MissingText, language, $"{elementKey} ({field})");
            }
        }
        return problems;
    }

    /// <summary>
    /// The texts every offered language must have: each one the default language has (help and long texts
    /// included once written), plus the titles and labels nothing can be shown without. Emails are not among them:
    /// an untranslated one goes out in the default language, saying so (<see cref="ChooseEmail"/>).
    /// </summary>
    private IEnumerable<(string ElementKey, TextField Field)> RequiredTexts() =>
        TextPlaces().Where(p => p.Required).Select(p => (p.ElementKey, p.Field))
            .Concat(TranslatableTexts().Select(t => (t.ElementKey, t.Field)))
            .Where(p => !ElementKey.IsEmail(p.ElementKey))
            .Distinct();
}
