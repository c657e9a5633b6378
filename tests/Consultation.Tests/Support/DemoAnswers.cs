namespace Consultation.Tests.Support;

/// <summary>A complete, valid set of answers to the demo consultation, to vary one answer at a time.</summary>
public static class DemoAnswers
{
    public static Dictionary<string, string[]> Valid(string decimalShare = "12.5") => new()
    {
        ["respondent_type"] = ["academic"],
        ["country"] = ["fr"],
        ["organisation_size"] = ["small"],
        ["priority_evaluations"] = ["5"],
        ["priority_interpretability"] = ["4"],
        ["priority_robustness"] = ["no_opinion"],
        ["priority_societal"] = ["3"],
        ["safety_funding_share"] = [decimalShare],
        ["top_risk"] = ["loss_of_control"],
        ["cooperation_forms"] = ["joint_evaluations", "incident_sharing"],
        ["evidence_gaps"] = ["Independent evaluations of frontier models."],
        ["other_comments"] = [""],
    };

    public static Dictionary<string, string[]> ValidWith(string code, params string[] values)
    {
        var answers = Valid();
        answers[code] = values;
        return answers;
    }
}
