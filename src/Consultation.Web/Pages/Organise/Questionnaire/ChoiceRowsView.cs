namespace Consultation.Web.Pages.Organise.Questionnaire;

using Consultation.Web.Domain;

/// <summary>What <c>_ChoiceRows.cshtml</c> needs: the list of options (or matrix rows) as typed, and what each may say beyond its text.</summary>
public sealed record ChoiceRowsView(string ListName, string CommandPrefix, IReadOnlyList<QuestionInput.ChoiceInput> Items, Question Question, bool ReadOnly,
    IReadOnlySet<string> PublishedCodes)
{
    /// <summary>A saved option's code is fixed once published; a new line's code may be typed.</summary>
    public bool CodeIsFixed(QuestionInput.ChoiceInput item) => ReadOnly || (item.Original is { Length: > 0 } code && PublishedCodes.Contains(code));

    public bool IsRows => CommandPrefix == "row";
    public bool ShowsSector => !IsRows && Question.Profile == ProfileField.RespondentType;
    public bool ShowsNoOpinion => !IsRows && Question.Type is QuestionType.Scale or QuestionType.Matrix;
    public bool ShowsOther => !IsRows && Question.CanOfferOther;
}
