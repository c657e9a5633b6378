namespace Consultation.Web.Pages.Respond;

using Consultation.Web.Domain;
using Consultation.Web.Domain.Conditions;
using Consultation.Web.Infrastructure;
using Consultation.Web.Localization;
using Consultation.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

/// <summary>
/// The whole questionnaire on one page, to print or save: every question with its options and hints, and its
/// condition in words. It takes no answers, so it stays readable before the consultation opens and after it closes.
/// </summary>
public sealed class PrintModel(RespondentLinks links, TimeProvider time, IStringLocalizer<SharedResource> s) : RespondentPageModel(links, time)
{
    public IReadOnlyList<PrintedSection> Sections { get; private set; } = [];

    public void OnGet() => Sections = Print(Link.Snapshot, Language);

    public string Text(TextField field) => Link.Text(Language, ElementKey.Consultation, field);

    private List<PrintedSection> Print(QuestionnaireSnapshot snapshot, string language)
    {
        var describe = ConditionWords.For(snapshot, language, s);

        return snapshot.Sections.Select(section => new PrintedSection(
            section.Code,
            snapshot.Text(language, ElementKey.Section(section.Code), TextField.Title),
            section.Questions.Select(q => new PrintedQuestion(
                QuestionView.For(snapshot, language, q, [], null),
                q.ShowIf is { } showIf ? describe(showIf) : null)).ToList())).ToList();
    }
}

public sealed record PrintedSection(string Code, string Title, IReadOnlyList<PrintedQuestion> Questions);

/// <param name="Condition">When the question is asked, in words; null when it always is.</param>
public sealed record PrintedQuestion(QuestionView View, string? Condition);
