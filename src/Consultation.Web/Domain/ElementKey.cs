namespace Consultation.Web.Domain;

/// <summary>
/// Names an element of a questionnaire in the texts table and in snapshots: one key space for
/// every element, so that one mechanism stores the texts of every language.
/// </summary>
public static class ElementKey
{
    public const string Consultation = "consultation";

    public static string Section(string code) => $"section:{code}";

    public static string Question(string code) => $"question:{code}";

    public static string Option(string questionCode, string optionCode) => $"option:{questionCode}:{optionCode}";

    /// <summary>A statement (row) of a matrix question.</summary>
    public static string Row(string questionCode, string rowCode) => $"row:{questionCode}:{rowCode}";
}
