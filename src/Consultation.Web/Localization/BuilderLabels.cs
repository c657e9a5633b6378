namespace Consultation.Web.Localization;

using Consultation.Web.Domain;
using Microsoft.Extensions.Localization;

/// <summary>The words the questionnaire builder uses for question types and profile fields, each a literal key.</summary>
public static class BuilderLabels
{
    public static string QuestionType(IStringLocalizer s, Domain.QuestionType type) => type switch
    {
        Domain.QuestionType.SingleChoice => s["Single choice"],
        Domain.QuestionType.MultipleChoice => s["Multiple choice"],
        Domain.QuestionType.Scale => s["Agreement scale (Likert)"],
        Domain.QuestionType.ShortText => s["Short text"],
        Domain.QuestionType.LongText => s["Long text"],
        Domain.QuestionType.Number => s["Number"],
        Domain.QuestionType.Date => s["Date"],
        Domain.QuestionType.Rating => s["Rating from 0 to 10"],
        Domain.QuestionType.Ranking => s["Ranking"],
        Domain.QuestionType.Matrix => s["Matrix (statements on one scale)"],
        Domain.QuestionType.YesNo => s["Yes or no"],
        Domain.QuestionType.Email => s["Email address"],
        Domain.QuestionType.Consent => s["Consent checkbox"],
        Domain.QuestionType.FileUpload => s["File upload"],
        _ => s["Note (text only)"],
    };

    public static string Profile(IStringLocalizer s, ProfileField profile) => profile switch
    {
        ProfileField.RespondentType => s["Type of respondent (gives the sector)"],
        ProfileField.Country => s["Country"],
        ProfileField.Organisation => s["Organisation"],
        _ => s["Not part of the profile"],
    };
}
