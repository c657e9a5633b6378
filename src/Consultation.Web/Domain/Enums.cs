namespace Consultation.Web.Domain;

public enum ConsultationStatus { Draft, Scheduled, Open, Closed, Archived }

public enum AccessMode { InvitedOnly, PublicLink, Both }

public enum Sector { CivilSociety, Academia, Industry, Government, Other }

public enum QuestionType { SingleChoice, MultipleChoice, Scale, ShortText, LongText, Number }

/// <summary>Marks a question whose answer describes the respondent and is copied onto the response.</summary>
public enum ProfileField { None, RespondentType, Country, Organisation }

public enum TextField { Title, Summary, PrivacyNotice, ThankYou, Label, Help }

public enum TranslationStatus { Missing, Machine, Draft, Approved }

public enum InvitationStatus { Pending, Sent, Opened, Started, Completed, Failed, OptedOut, Revoked }

public enum ResponseStatus { InProgress, Submitted }

public enum ResponseChannel { Invitation, PublicLink }
