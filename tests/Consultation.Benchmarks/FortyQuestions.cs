namespace Consultation.Benchmarks;

using Consultation.Web.Domain;

/// <summary>
/// A published public consultation whose one section asks <c>count</c> questions of every type in turn (choices,
/// scales, matrices, rankings, texts, numbers, dates, consent, notes), each with help text and English and French
/// texts, and some shown only on an earlier answer: a long, realistic page to render.
/// </summary>
internal static class FortyQuestions
{
    private static readonly QuestionType[] Types =
    [
        QuestionType.SingleChoice, QuestionType.YesNo, QuestionType.MultipleChoice, QuestionType.Scale, QuestionType.ShortText,
        QuestionType.LongText, QuestionType.Number, QuestionType.Date, QuestionType.Rating, QuestionType.Ranking,
        QuestionType.Matrix, QuestionType.Email, QuestionType.Consent, QuestionType.Note,
    ];

    public static Consultation Build(string slug, int count, DateTimeOffset now)
    {
        var c = Consultation.Create(slug, "en", ["en", "fr"], AccessMode.PublicLink, false, 20, now);
        void Text(string key, TextField field, string en)
        {
            c.SetText(key, field, "en", en);
            c.SetText(key, field, "fr", "FR " + en);
        }
        Text(ElementKey.Consultation, TextField.Title, "A long consultation on public services");
        Text(ElementKey.Consultation, TextField.Summary, "Forty questions of every kind, to measure how fast the answer page is.");
        var section = c.AddSection("main");
        Text(ElementKey.Section("main"), TextField.Title, "Your views");

        string? lastYesNo = null;
        for (var i = 0; i < count; i++)
        {
            var type = Types[i % Types.Length];
            var code = $"q{i + 1:00}";
            var question = section.AddQuestion(c, code, type, isRequired: i % 3 == 0 && type != QuestionType.Note);
            Text(ElementKey.Question(code), TextField.Label, $"Question {i + 1}: what do you think about service number {i + 1} in your area?");
            Text(ElementKey.Question(code), TextField.Help, "Answer as precisely as you can; you may change your answer until the deadline.");
            void Options(params string[] codes)
            {
                foreach (var option in codes)
                {
                    question.AddOption(option, isNoOpinion: option == "no_opinion", isOther: option == "other");
                    Text(ElementKey.Option(code, option), TextField.Label, $"Option {option} of question {i + 1}");
                }
            }
            switch (type)
            {
                case QuestionType.SingleChoice:
                    Options("a", "b", "c", "d", "other");
                    break;
                case QuestionType.MultipleChoice:
                    Options("a", "b", "c", "d", "e", "other");
                    question.LimitSelections(1, 3);
                    break;
                case QuestionType.Scale:
                    Options("1", "2", "3", "4", "5", "no_opinion");
                    break;
                case QuestionType.Ranking:
                    Options("speed", "cost", "quality", "reach");
                    break;
                case QuestionType.Matrix:
                    foreach (var row in new[] { "access", "quality", "cost" })
                    {
                        question.AddRow(row);
                        Text(ElementKey.Row(code, row), TextField.Label, $"Row {row} of question {i + 1}");
                    }
                    Options("disagree", "neutral", "agree", "no_opinion");
                    break;
                case QuestionType.LongText:
                    question.LimitLength(2000);
                    break;
                case QuestionType.Number:
                    question.LimitRange(0, 100, allowsDecimals: true);
                    break;
                case QuestionType.YesNo:
                    lastYesNo = code;
                    break;
                case QuestionType.Email or QuestionType.Note when lastYesNo is not null:
                    c.SetCondition(code, $"{lastYesNo} = 'yes'");
                    break;
            }
        }
        c.Schedule(null, now.AddDays(30));
        c.Publish(now);
        return c;
    }
}
