namespace Consultation.Web.Pages.Respond;

using Consultation.Web.Domain;
using Consultation.Web.Localization;
using Microsoft.Extensions.Localization;

/// <summary>
/// A response's answers section by section, in words (<c>_AnswerList.cshtml</c>): on the review page with links to change
/// them and their problems, and on the respondent's printable copy.
/// </summary>
public sealed record AnswerList(RespondentLink Link, string Language, QuestionnairePages Pages, AnswerSet Answers,
    IReadOnlyDictionary<string, string> Errors, bool CanChange)
{
    public string SectionTitle(int number) => Link.Text(Language, ElementKey.Section(Pages.Section(number).Code), TextField.Title);

    public string Label(QuestionSnapshot question) => Link.Text(Language, ElementKey.Question(question.Code), TextField.Label);

    public string? AnswerOf(QuestionSnapshot question, IStringLocalizer s) => AnswerText.Of(Link.Snapshot, question, Answers, Language, s);

    /// <summary>The questions of a section the respondent was asked (not hidden by their answers), notes left out.</summary>
    public IEnumerable<QuestionSnapshot> Asked(int number) =>
        Pages.Section(number).Questions.Where(q => q.Type != QuestionType.Note && !Pages.Hidden.Contains(q.Code));
}
