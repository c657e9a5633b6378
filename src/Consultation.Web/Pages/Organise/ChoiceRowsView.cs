using Consultation.Web.Domain;

namespace Consultation.Web.Pages.Organise;

/// <summary>What <c>_ChoiceRows.cshtml</c> needs: the list of options (or matrix rows) as typed, and what each may say beyond its text.</summary>
public sealed record ChoiceRowsView(string ListName, string CommandPrefix, IReadOnlyList<QuestionInput.ChoiceInput> Items, Question Question, bool ReadOnly)
{
    public bool IsRows => CommandPrefix == "row";
    public bool ShowsSector => !IsRows && Question.Profile == ProfileField.RespondentType;
    public bool ShowsNoOpinion => !IsRows && Question.Type is QuestionType.Scale or QuestionType.Matrix;
    public bool ShowsOther => !IsRows && Question.CanOfferOther;
}
