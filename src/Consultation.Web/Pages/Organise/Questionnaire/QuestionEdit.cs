namespace Consultation.Web.Pages.Organise.Questionnaire;

using System.Globalization;
using Consultation.Web.Domain;
using Consultation.Web.Localization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

/// <summary>
/// Applies what the question form posted to the questionnaire, one setting at a time, so that each
/// refusal of the domain lands next to the field it concerns and the rest is still checked.
/// </summary>
internal sealed class QuestionEdit(Consultation consultation, Question question, QuestionInput input,
    ModelStateDictionary modelState, IStringLocalizer s, CultureInfo culture)
{
    public void Apply(string command)
    {
        var code = input.Code.Trim();
        if (Try("Input.Code", () => consultation.RecodeQuestion(question.Code, code)))
            input.Code = question.Code;
        consultation.SetText(ElementKey.Question(question.Code), TextField.Label, consultation.DefaultLanguage, input.Label.Trim());
        consultation.SetText(ElementKey.Question(question.Code), TextField.Help, consultation.DefaultLanguage, input.Help?.Trim() ?? "");
        ApplyRules();
        if (question.HasOptions)
            ApplyChoices(input.Options, "Options", isRow: false);
        if (question.HasRows)
            ApplyChoices(input.Rows, "Rows", isRow: true);
        ApplyCondition();
        if (modelState.IsValid)
            ApplyCommand(command);
        // A choice needs something to choose: refused here rather than discovered at publication.
        if (question.HasOptions && question.Options.Count == 0)
            modelState.AddModelError("Input.Options[0].Label", s["Add at least one option"]);
        if (question.HasRows && question.Rows.Count == 0)
            modelState.AddModelError("Input.Rows[0].Label", s["Add at least one statement"]);
    }

    private void ApplyRules()
    {
        question.Require(input.IsRequired);
        Try("Input.Profile", () => question.DescribesRespondent(input.Profile));
        if (question.Type == QuestionType.SingleChoice)
            question.ShownAsDropdown(input.AsDropdown);
        if (question.Type is QuestionType.ShortText or QuestionType.LongText)
            Try("Input.MaxLength", () => question.LimitLength(input.MaxLength));
        if (question.Type == QuestionType.MultipleChoice)
            Try("Input.MinSelections", () => question.LimitSelections(input.MinSelections, input.MaxSelections));
        if (question.Type == QuestionType.FileUpload)
            Try("Input.MaxFileMegabytes", () => question.LimitUpload(input.MaxFileMegabytes ?? 0, input.AllowedFileTypes));
        if (question.Type == QuestionType.Number)
        {
            var minimum = Number("Input.Minimum", input.Minimum);
            var maximum = Number("Input.Maximum", input.Maximum);
            if (modelState.IsValid)
                Try("Input.Minimum", () => question.LimitRange(minimum, maximum, input.AllowsDecimals));
        }
    }

    private decimal? Number(string key, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (AnswerReader.TryParseNumber(text, culture, out var number))
            return number;
        modelState.AddModelError(key, s[AnswerReader.Messages.NotANumber, 12.5m.ToString(culture)]);
        return null;
    }

    private void ApplyChoices(List<QuestionInput.ChoiceInput> choices, string listName, bool isRow)
    {
        for (var i = 0; i < choices.Count; i++)
        {
            var choice = choices[i];
            if (choice.IsBlank)
                continue;
            var key = $"Input.{listName}[{i}]";
            var label = choice.Label?.Trim() ?? "";
            if (label.Length == 0)
            {
                modelState.AddModelError($"{key}.Label", s["Enter the text of each option, or clear its code to leave it out"]);
                continue;
            }
            var wanted = choice.Code?.Trim() ?? "";
            string? current = choice.Original;
            if (string.IsNullOrEmpty(current))
            {
                var taken = (isRow ? question.Rows.Select(r => r.Code) : question.Options.Select(o => o.Code))
                    .Concat(consultation.PublishedChoiceCodes(question.Code, isRow)).ToList();
                var newCode = wanted.Length > 0 ? wanted : CodeSuggestion.From(label, isRow ? "row" : "o", taken);
                if (Try($"{key}.Code", () =>
                    {
                        consultation.EnsureChoiceCodeWasNeverPublished(question.Code, newCode, isRow);
                        if (isRow) question.AddRow(newCode); else question.AddOption(newCode);
                    }))
                    current = newCode;
            }
            else if (Try($"{key}.Code", () => { if (isRow) consultation.RecodeRow(question.Code, current, wanted); else consultation.RecodeOption(question.Code, current, wanted); }))
            {
                current = wanted;
            }
            else
            {
                continue;
            }
            if (current is null)
                continue;
            (choice.Original, choice.Code) = (current, current);
            var element = isRow ? ElementKey.Row(question.Code, current) : ElementKey.Option(question.Code, current);
            consultation.SetText(element, TextField.Label, consultation.DefaultLanguage, label);
            if (!isRow)
                Try($"{key}.Code", () => question.MarkOption(current, question.Profile == ProfileField.RespondentType ? choice.Sector : null, choice.IsNoOpinion, choice.IsOther));
        }
    }

    private void ApplyCondition()
    {
        var condition = input.ShowIf?.Trim() ?? "";
        var built = ConditionFromParts();
        if (built.Length > 0)
            condition = condition.Length == 0 ? built : $"({condition}) and {built}";
        if (Try("Input.ShowIf", () => consultation.SetCondition(question.Code, condition)))
        {
            input.ShowIf = question.ShowIf;
            input.NewCondition = new QuestionInput.ConditionInput();
        }
    }

    /// <summary>The condition the three fields describe, in the condition language; empty when no question is chosen.</summary>
    private string ConditionFromParts()
    {
        var part = input.NewCondition;
        if (string.IsNullOrWhiteSpace(part.QuestionCode))
            return "";
        var subject = consultation.OrderedQuestions.FirstOrDefault(q => q.Code == part.QuestionCode);
        var raw = (string.IsNullOrWhiteSpace(part.Option) ? part.Value : part.Option)?.Trim() ?? "";
        var numeric = subject?.Type is QuestionType.Number or QuestionType.Rating;
        string literal;
        if (numeric && AnswerReader.TryParseNumber(raw, culture, out var number))
            literal = number.ToString(CultureInfo.InvariantCulture);
        else
            literal = $"'{raw.Replace("'", "''", StringComparison.Ordinal)}'";
        return part.Operator switch
        {
            "answered" => $"answered({part.QuestionCode})",
            "selected" => $"selected({part.QuestionCode}, {literal})",
            "=" or "!=" or "<" or "<=" or ">" or ">=" => $"{part.QuestionCode} {part.Operator} {literal}",
            _ => "",
        };
    }

    private void ApplyCommand(string command)
    {
        var (verb, target) = command.IndexOf(':', StringComparison.Ordinal) is var at and > 0 ? (command[..at], command[(at + 1)..]) : (command, "");
        // A code changed in the same submission: the button still names the code that was shown.
        var option = input.Options.FirstOrDefault(o => o.Original == target)?.Code ?? target;
        var row = input.Rows.FirstOrDefault(r => r.Original == target)?.Code ?? target;
        Try("Input.Options", () =>
        {
            switch (verb)
            {
                case "option-up": question.MoveOption(option, -1); break;
                case "option-down": question.MoveOption(option, 1); break;
                case "option-remove": consultation.RemoveOption(question.Code, option); break;
                case "row-up": question.MoveRow(row, -1); break;
                case "row-down": question.MoveRow(row, 1); break;
                case "row-remove": consultation.RemoveRow(question.Code, row); break;
                case "condition-remove": consultation.SetCondition(question.Code, null); break;
            }
        });
    }

    /// <summary>Runs a change the domain may refuse; a refusal becomes the field's error, in the reader's language.</summary>
    private bool Try(string key, Action change)
    {
        try
        {
            change();
            return true;
        }
        catch (DomainException e)
        {
            modelState.AddModelError(key, s.Explain(e));
            return false;
        }
    }
}
