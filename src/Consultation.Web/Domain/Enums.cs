namespace Consultation.Web.Domain;

public enum ConsultationStatus { Draft, Scheduled, Open, Closed, Archived }

public enum AccessMode { InvitedOnly, PublicLink, Both }

public enum Sector { CivilSociety, Academia, Industry, Government, Other }

/// <summary>
/// Every kind of question. Answers are stored by code: a string (one choice, yes/no, text, email, date
/// as yyyy-MM-dd), an array of option codes (several choices; a ranking in rank order), a number
/// (number, rating 0–10), true (consent), an object of row code → option code (matrix) or an object
/// describing a stored file (file upload). A note asks nothing.
/// </summary>
public enum QuestionType
{
    SingleChoice, MultipleChoice, Scale, ShortText, LongText, Number,
    Date, Rating, Ranking, Matrix, YesNo, Email, Consent, FileUpload, Note,
}

/// <summary>Marks a question whose answer describes the respondent and is copied onto the response.</summary>
public enum ProfileField { None, RespondentType, Country, Organisation }

/// <summary>
/// Which text of an element a content text is. <c>Subject</c> and <c>Body</c> belong to the emails organisers word
/// themselves (<see cref="ElementKey.Email"/>).
/// </summary>
public enum TextField { Title, Summary, PrivacyNotice, ThankYou, Label, Help, Landing, Subject, Body }

public enum TranslationStatus { Missing, Machine, Draft, Approved }

/// <summary>
/// Where an invitation's journey stands. Opting out of emails is not a state of the journey but a mark beside it
/// (<see cref="Invitation.HasOptedOut"/>): a person may opt out and still answer, or answer and then opt out.
/// <c>OptedOut</c> is kept only so that the names stored as strings stay what they were; nothing sets it.
/// </summary>
public enum InvitationStatus { Pending, Sent, Opened, Started, Completed, Failed, OptedOut, Revoked, Declined }

public enum ResponseStatus { InProgress, Submitted }

/// <summary>How a respondent lets the organisers publish their response, when the consultation asks.</summary>
public enum PublicationPreference { WithName, Anonymously, NotPublished }

/// <summary>How a response came in; <c>Preview</c> is a test response from the organisers' preview.</summary>
public enum ResponseChannel { Invitation, PublicLink, Preview }
