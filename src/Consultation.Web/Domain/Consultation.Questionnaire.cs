using Consultation.Web.Domain.Conditions;

namespace Consultation.Web.Domain;

/// <summary>Building the questionnaire: sections and questions added, moved, recoded and removed, keeping codes, texts and conditions consistent.</summary>
public sealed partial class Consultation
{
    public IEnumerable<Section> OrderedSections => _sections.OrderBy(s => s.Position);

    /// <summary>Every question in the order respondents meet them.</summary>
    public IEnumerable<Question> OrderedQuestions => OrderedSections.SelectMany(s => s.OrderedQuestions);

    /// <summary>Words of the condition language, which cannot name a section or question.</summary>
    public static IReadOnlySet<string> ReservedCodes => Condition.ReservedWords;

    /// <summary>
    /// Codes of every section and question, and of those published once and since removed: one name space, so a
    /// condition can never be ambiguous and a code in earlier answers never takes a new meaning.
    /// </summary>
    public IReadOnlySet<string> TakenCodes => _sections.Select(s => s.Code)
        .Concat(_sections.SelectMany(s => s.Questions).Select(q => q.Code))
        .Concat(PublishedElements.Where(k => k.StartsWith("section:", StringComparison.Ordinal) || k.StartsWith("question:", StringComparison.Ordinal)).Select(k => k[(k.IndexOf(':', StringComparison.Ordinal) + 1)..]))
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>Whether the element is in a published version: its code then never changes.</summary>
    public bool IsPublished(string elementKey) => PublishedElements.Contains(elementKey, StringComparer.Ordinal);

    /// <summary>Option or row codes of the question that published versions used: taken even after their removal.</summary>
    public IEnumerable<string> PublishedChoiceCodes(string questionCode, bool rows)
    {
        var prefix = (rows ? ElementKey.Row(questionCode, "") : ElementKey.Option(questionCode, ""));
        return PublishedElements.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Select(k => k[prefix.Length..]);
    }

    public Section AddSection(string code)
    {
        EnsureStructureCanChange();
        EnsureCodeIsFree(code);
        var section = new Section(Id, code, _sections.Select(s => s.Position).DefaultIfEmpty(-1).Max() + 1);
        _sections.Add(section);
        return section;
    }

    public Section FindSection(string code) =>
        _sections.Find(s => s.Code == code) ?? throw new DomainException("No section '{0}' in this consultation.", code);

    public Question FindQuestion(string code) =>
        _sections.SelectMany(s => s.Questions).FirstOrDefault(q => q.Code == code)
        ?? throw new DomainException("No question '{0}' in this consultation.", code);

    public Section SectionOf(Question question) => _sections.Single(s => s.Id == question.SectionId);

    public void MoveSection(string code, int step)
    {
        EnsureStructureCanChange();
        KeepingConditionsOnEarlierQuestions(() => Positions.Move(_sections, FindSection(code), step, s => s.Position, (s, p) => s.MoveTo(p)));
    }

    /// <summary>Moves a question one place up or down; past the edge of its section it joins the neighbouring section.</summary>
    public void MoveQuestion(string code, int step)
    {
        EnsureStructureCanChange();
        KeepingConditionsOnEarlierQuestions(() => StepQuestion(code, step));
    }

    private void StepQuestion(string code, int step)
    {
        var question = FindQuestion(code);
        var section = SectionOf(question);
        var siblings = section.OrderedQuestions.ToList();
        var index = siblings.IndexOf(question);
        if (index + Math.Sign(step) is var target && target >= 0 && target < siblings.Count)
        {
            Positions.Move(siblings, question, step, q => q.Position, (q, p) => q.MoveTo(section.Id, p));
            return;
        }
        var sections = OrderedSections.ToList();
        var next = sections.IndexOf(section) + Math.Sign(step);
        if (next < 0 || next >= sections.Count)
            return;
        section.Release(question);
        sections[next].Take(question, atStart: step > 0);
    }

    public void MoveQuestionTo(string code, string sectionCode)
    {
        EnsureStructureCanChange();
        KeepingConditionsOnEarlierQuestions(() => JoinSection(code, sectionCode));
    }

    private void JoinSection(string code, string sectionCode)
    {
        var question = FindQuestion(code);
        var target = FindSection(sectionCode);
        if (target.Id == question.SectionId)
            return;
        SectionOf(question).Release(question);
        target.Take(question, atStart: false);
    }

    /// <summary>Puts a question in a section just before another question of it, or at its end (a drag and drop).</summary>
    public void PlaceQuestion(string code, string sectionCode, string? beforeCode)
    {
        EnsureStructureCanChange();
        KeepingConditionsOnEarlierQuestions(() => Place(code, sectionCode, beforeCode));
    }

    private void Place(string code, string sectionCode, string? beforeCode)
    {
        var question = FindQuestion(code);
        var target = FindSection(sectionCode);
        if (beforeCode == code)
            return;
        var order = target.OrderedQuestions.Where(q => q != question).ToList();
        var index = beforeCode is null ? order.Count : order.FindIndex(q => q.Code == beforeCode);
        if (index < 0)
            throw new DomainException("No question '{0}' in this consultation.", beforeCode!);
        order.Insert(index, question);
        if (question.SectionId != target.Id)
        {
            SectionOf(question).Release(question);
            target.Take(question, atStart: false);
        }
        for (var i = 0; i < order.Count; i++)
            order[i].MoveTo(target.Id, i);
    }

    public void RemoveSection(string code)
    {
        EnsureStructureCanChange();
        var section = FindSection(code);
        foreach (var question in section.Questions.ToList())
            RemoveQuestion(question.Code);
        RemoveTexts(ElementKey.Section(code));
        _sections.Remove(section);
    }

    public void RemoveQuestion(string code)
    {
        EnsureStructureCanChange();
        var question = FindQuestion(code);
        var dependents = OrderedQuestions.Where(q => q != question && q.ShowIf is { } condition && ConditionReferences(condition).Contains(code)).Select(q => q.Code).ToList();
        if (dependents.Count > 0)
            throw new DomainException("The question '{0}' decides whether {1} is shown: change that condition first.", code, string.Join(", ", dependents));
        foreach (var option in question.Options)
            RemoveTexts(ElementKey.Option(code, option.Code));
        foreach (var row in question.Rows)
            RemoveTexts(ElementKey.Row(code, row.Code));
        RemoveTexts(ElementKey.Question(code));
        SectionOf(question).Release(question);
    }

    public void RemoveOption(string questionCode, string optionCode)
    {
        EnsureStructureCanChange();
        FindQuestion(questionCode).RemoveOption(optionCode);
        RemoveTexts(ElementKey.Option(questionCode, optionCode));
    }

    public void RemoveRow(string questionCode, string rowCode)
    {
        EnsureStructureCanChange();
        FindQuestion(questionCode).RemoveRow(rowCode);
        RemoveTexts(ElementKey.Row(questionCode, rowCode));
    }

    /// <summary>Renames a question's code before the first publication, carrying its texts with it.</summary>
    public void RecodeQuestion(string code, string newCode)
    {
        if (code == newCode)
            return;
        EnsureCodesCanChange(ElementKey.Question(code));
        EnsureCodeIsFree(newCode);
        var question = FindQuestion(code);
        foreach (var dependent in OrderedQuestions.Where(q => q.ShowIf is { } condition && ConditionReferences(condition).Contains(code)))
            dependent.ShowOnlyIf(Condition.Rename(dependent.ShowIf!, code, newCode));
        RekeyTexts(ElementKey.Question(code), ElementKey.Question(newCode));
        foreach (var option in question.Options)
            RekeyTexts(ElementKey.Option(code, option.Code), ElementKey.Option(newCode, option.Code));
        foreach (var row in question.Rows)
            RekeyTexts(ElementKey.Row(code, row.Code), ElementKey.Row(newCode, row.Code));
        question.Recode(newCode);
    }

    public void RecodeOption(string questionCode, string code, string newCode)
    {
        if (code == newCode)
            return;
        EnsureCodesCanChange(ElementKey.Option(questionCode, code));
        EnsureChoiceCodeWasNeverPublished(questionCode, newCode, rows: false);
        EnsureNotInACondition(questionCode);
        FindQuestion(questionCode).RecodeOption(code, newCode);
        RekeyTexts(ElementKey.Option(questionCode, code), ElementKey.Option(questionCode, newCode));
    }

    public void RecodeRow(string questionCode, string code, string newCode)
    {
        if (code == newCode)
            return;
        EnsureCodesCanChange(ElementKey.Row(questionCode, code));
        EnsureChoiceCodeWasNeverPublished(questionCode, newCode, rows: true);
        EnsureNotInACondition(questionCode);
        FindQuestion(questionCode).RecodeRow(code, newCode);
        RekeyTexts(ElementKey.Row(questionCode, code), ElementKey.Row(questionCode, newCode));
    }

    public void RecodeSection(string code, string newCode)
    {
        if (code == newCode)
            return;
        EnsureCodesCanChange(ElementKey.Section(code));
        EnsureCodeIsFree(newCode);
        var section = FindSection(code);
        RekeyTexts(ElementKey.Section(code), ElementKey.Section(newCode));
        section.Recode(newCode);
    }

    /// <summary>Shows a question only when the condition on earlier answers holds; null or empty shows it always.</summary>
    public void SetCondition(string questionCode, string? condition)
    {
        var question = FindQuestion(questionCode);
        if (string.IsNullOrWhiteSpace(condition))
        {
            question.ShowOnlyIf(null);
            return;
        }
        var earlier = QuestionsBefore(question);
        var later = OrderedQuestions.Skip(earlier.Count + 1).Select(q => q.Code).ToList();
        var result = Condition.Check(condition, earlier.Select(ConditionSubject.Of).ToList(), questionCode, later);
        if (result.Error is { } error)
            throw new DomainException(error.Message, error.Arguments);
        question.ShowOnlyIf(result.Condition!.Text);
    }

    /// <summary>The codes of the questions met before this one: the only ones its condition may use.</summary>
    public IReadOnlyList<Question> QuestionsBefore(Question question) =>
        OrderedQuestions.TakeWhile(q => q != question).ToList();

    /// <summary>
    /// A live consultation's questionnaire changes too: structural changes wait in this working copy until an organiser
    /// publishes them as a new version (see Consultation.Versions). Only an archived one is fixed for good.
    /// </summary>
    internal void EnsureStructureCanChange()
    {
        if (Status == ConsultationStatus.Archived)
            throw new DomainException(ArchivedIsReadOnly);
    }

    public const string ArchivedIsReadOnly = "An archived consultation cannot be changed.";

    private void EnsureCodesCanChange(string elementKey)
    {
        if (IsPublished(elementKey))
            throw new DomainException(PublishedCodeIsFixed);
    }

    /// <summary>An option or row code that earlier answers use, even if the option was removed since, keeps its meaning.</summary>
    public void EnsureChoiceCodeWasNeverPublished(string questionCode, string code, bool rows)
    {
        if (PublishedChoiceCodes(questionCode, rows).Contains(code, StringComparer.Ordinal))
            throw new DomainException("The code '{0}' was published before and earlier answers use it: choose another.", code);
    }

    public const string PublishedCodeIsFixed = "Codes cannot change after the first publication.";

    /// <summary>
    /// Runs a move, then checks that every condition still uses only earlier questions; when one
    /// would not, everything goes back where it was and the move is refused.
    /// </summary>
    private void KeepingConditionsOnEarlierQuestions(Action move)
    {
        var sections = _sections.ToDictionary(s => s, s => s.Position);
        var questions = _sections.SelectMany(s => s.Questions.Select(q => (Question: q, Section: s, q.Position))).ToList();
        move();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var question in OrderedQuestions)
        {
            if (question.ShowIf is { } condition && ConditionReferences(condition).FirstOrDefault(r => !seen.Contains(r)) is { } later)
            {
                foreach (var (section, position) in sections)
                    section.MoveTo(position);
                foreach (var (q, section, position) in questions)
                {
                    if (q.SectionId != section.Id)
                    {
                        SectionOf(q).Release(q);
                        section.Take(q, atStart: false);
                    }
                    q.MoveTo(section.Id, position);
                }
                throw new DomainException("This move would put “{0}” before “{1}”, whose answer decides whether it is shown.", question.Code, later);
            }
            seen.Add(question.Code);
        }
    }

    private void EnsureNotInACondition(string questionCode)
    {
        if (OrderedQuestions.Any(q => q.ShowIf is { } condition && ConditionReferences(condition).Contains(questionCode)))
            throw new DomainException("The question '{0}' is used in a condition: change that condition first.", questionCode);
    }

    private void RemoveTexts(string elementKey) => _texts.RemoveAll(t => t.ElementKey == elementKey);

    private void RekeyTexts(string from, string to)
    {
        foreach (var text in _texts.Where(t => t.ElementKey == from))
            text.Rekey(to);
    }

    /// <summary>The question codes a condition names; a stored condition that no longer reads names none.</summary>
    private static IReadOnlySet<string> ConditionReferences(string condition)
    {
        try
        {
            return Condition.Parse(condition).References;
        }
        catch (ConditionException)
        {
            return new HashSet<string>();
        }
    }
}
