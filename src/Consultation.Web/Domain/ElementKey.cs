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

    /// <summary>An email the organisers word themselves (its subject and body), one key per kind so reminders sit beside invitations.</summary>
    public static string Email(EmailKind kind) => kind switch
    {
        EmailKind.Invitation => "email:invitation",
        EmailKind.Reminder => "email:reminder",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only invitations and reminders are worded by organisers."),
    };

    /// <summary>Whether a key names an email's texts, which respondents never see and which never block publishing.</summary>
    public static bool IsEmail(string elementKey) => elementKey.StartsWith("email:", StringComparison.Ordinal);
}
