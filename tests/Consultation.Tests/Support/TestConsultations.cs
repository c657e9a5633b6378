namespace Consultation.Tests.Support;

using Consultation.Web.Data;
using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// Published consultations to test against, built with the domain's own calls. <see cref="EveryTypeAsync"/> has
/// one question of every type (and "Other", selection limits, a matrix with "no opinion", an upload), with
/// every text in English and French.
/// </summary>
public static class TestConsultations
{
    /// <summary>The codes of the every-type consultation's questions, to find them in tests.</summary>
    public static class Codes
    {
        public const string Role = "role";
        public const string Topics = "topics";
        public const string Agreement = "agreement";
        public const string Organisation = "organisation";
        public const string Comments = "comments";
        public const string Share = "share";
        public const string MeetingDate = "meeting_date";
        public const string Recommend = "recommend";
        public const string Priorities = "priorities";
        public const string Statements = "statements";
        public const string ContactOk = "contact_ok";
        public const string Email = "email";
        public const string Note = "note";
        public const string Paper = "paper";
        public const string Consent = "consent";
    }

    /// <summary>The every-type consultation, open on its public link, on the factory's database. Returns it as stored.</summary>
    public static async Task<Consultation> EveryTypeAsync(this AppFactory app, string? slug = null, bool anonymous = false)
    {
        var consultation = EveryType(slug ?? $"every-type-{Guid.NewGuid():N}"[..20], app.Clock.GetUtcNow(), anonymous);
        await app.WithDbAsync(async db =>
        {
            db.Consultations.Add(consultation);
            await db.SaveChangesAsync();
        });
        return consultation;
    }

    /// <summary>The every-type consultation, published and open, not stored.</summary>
    public static Consultation EveryType(string slug, DateTimeOffset now, bool anonymous = false)
    {
        var c = Consultation.Create(slug, "en", ["en", "fr"], AccessMode.PublicLink, anonymous, 10, now);
        void Text(string key, TextField field, string en, string fr)
        {
            c.SetText(key, field, "en", en);
            c.SetText(key, field, "fr", fr);
        }
        Question Add(Section section, string code, QuestionType type, bool required, string en, string fr)
        {
            var question = section.AddQuestion(c, code, type, required);
            Text(ElementKey.Question(code), TextField.Label, en, fr);
            return question;
        }
        void Options(Question question, params (string Code, string En, string Fr)[] options)
        {
            foreach (var (code, en, fr) in options)
            {
                question.AddOption(code, isNoOpinion: code == "no_opinion", isOther: code == "other");
                Text(ElementKey.Option(question.Code, code), TextField.Label, en, fr);
            }
        }

        Text(ElementKey.Consultation, TextField.Title, "Every kind of question", "Toutes les sortes de questions");
        Text(ElementKey.Consultation, TextField.Summary, "A consultation that asks every kind of question.", "Une consultation qui pose toutes les sortes de questions.");

        var about = c.AddSection("about");
        Text(ElementKey.Section("about"), TextField.Title, "About you", "À propos de vous");
        var role = Add(about, Codes.Role, QuestionType.SingleChoice, true, "Which best describes you?", "Qu’est-ce qui vous décrit le mieux ?");
        Options(role, ("academic", "Researcher", "Chercheur"), ("ngo", "Non-governmental organisation", "Organisation non gouvernementale"), ("other", "Other", "Autre"));
        Add(about, Codes.Organisation, QuestionType.ShortText, false, "Organisation name", "Nom de l’organisation");
        var share = Add(about, Codes.Share, QuestionType.Number, false, "What share of your budget goes to research (%)?", "Quelle part de votre budget va à la recherche (%) ?");
        share.LimitRange(0, 100, allowsDecimals: true);
        var date = Add(about, Codes.MeetingDate, QuestionType.Date, true, "When did you last attend a public meeting?", "Quand avez-vous assisté à une réunion publique pour la dernière fois ?");
        Text(ElementKey.Question(Codes.MeetingDate), TextField.Help, "An approximate date is fine.", "Une date approximative suffit.");
        _ = date;
        Add(about, Codes.ContactOk, QuestionType.YesNo, true, "May we contact you about your answers?", "Pouvons-nous vous contacter au sujet de vos réponses ?");
        Add(about, Codes.Email, QuestionType.Email, true, "Email address", "Adresse e-mail");
        c.SetCondition(Codes.Email, $"{Codes.ContactOk} = 'yes'");
        Add(about, Codes.Note, QuestionType.Note, false, "We will only use your email address for this consultation.", "Nous n’utiliserons votre adresse e-mail que pour cette consultation.");
        c.SetCondition(Codes.Note, $"{Codes.ContactOk} = 'yes'");

        var views = c.AddSection("views");
        Text(ElementKey.Section("views"), TextField.Title, "Your views", "Vos avis");
        var topics = Add(views, Codes.Topics, QuestionType.MultipleChoice, true, "Which topics matter most to you?", "Quels sujets comptent le plus pour vous ?");
        Options(topics, ("safety", "Safety", "Sécurité"), ("privacy", "Privacy", "Vie privée"), ("jobs", "Jobs", "Emploi"), ("climate", "Climate", "Climat"), ("other", "Other", "Autre"));
        topics.LimitSelections(2, 3);
        var agreement = Add(views, Codes.Agreement, QuestionType.Scale, false, "The rules are clear.", "Les règles sont claires.");
        Options(agreement, ("1", "Disagree", "Pas d’accord"), ("2", "Neutral", "Neutre"), ("3", "Agree", "D’accord"), ("no_opinion", "No opinion", "Sans opinion"));
        Add(views, Codes.Recommend, QuestionType.Rating, true, "How likely are you to recommend this process?", "Quelle est la probabilité que vous recommandiez ce processus ?");
        Text(ElementKey.Question(Codes.Recommend), TextField.Help, "0 means not at all likely, 10 extremely likely.", "0 signifie pas du tout probable, 10 extrêmement probable.");
        var priorities = Add(views, Codes.Priorities, QuestionType.Ranking, true, "Rank these priorities", "Classez ces priorités");
        Text(ElementKey.Question(Codes.Priorities), TextField.Help, "1 is the most important.", "1 est la plus importante.");
        Options(priorities, ("speed", "Speed", "Rapidité"), ("cost", "Cost", "Coût"), ("quality", "Quality", "Qualité"));
        var statements = Add(views, Codes.Statements, QuestionType.Matrix, true, "How far do you agree with each statement?", "Dans quelle mesure êtes-vous d’accord avec chaque affirmation ?");
        foreach (var (row, en, fr) in new[]
        {
            ("transparency", "Decisions are explained", "Les décisions sont expliquées"),
            ("accountability", "Someone answers for mistakes", "Quelqu’un répond des erreurs"),
            ("redress", "Harm can be put right", "Les préjudices peuvent être réparés"),
        })
        {
            statements.AddRow(row);
            Text(ElementKey.Row(Codes.Statements, row), TextField.Label, en, fr);
        }
        Options(statements, ("disagree", "Disagree", "Pas d’accord"), ("neutral", "Neutral", "Neutre"), ("agree", "Agree", "D’accord"), ("no_opinion", "No opinion", "Sans opinion"));
        Add(views, Codes.Comments, QuestionType.LongText, false, "Anything else?", "Autre chose ?").LimitLength(2000);
        var paper = Add(views, Codes.Paper, QuestionType.FileUpload, false, "Upload a position paper", "Déposez une prise de position");
        paper.LimitUpload(1, ["pdf", "docx", "odt", "txt"]);
        Add(views, Codes.Consent, QuestionType.Consent, true, "I agree that my answers may be published without my name.", "J’accepte que mes réponses soient publiées sans mon nom.");

        c.Schedule(null, now.AddDays(30));
        c.Publish(now);
        return c;
    }

    /// <summary>A complete, valid set of answers to the every-type consultation, by form field (a code alone means a.{code}).</summary>
    public static Dictionary<string, string[]> EveryTypeAnswers() => new()
    {
        [Codes.Role] = ["other"],
        ["a.role.other"] = ["Retired judge"],
        [Codes.Organisation] = ["Fondation Exemple"],
        [Codes.Share] = ["12.5"],
        ["a.meeting_date.day"] = ["29"],
        ["a.meeting_date.month"] = ["2"],
        ["a.meeting_date.year"] = ["2024"],
        [Codes.ContactOk] = ["yes"],
        [Codes.Email] = ["person@example.org"],
        [Codes.Topics] = ["safety", "other"],
        ["a.topics.other"] = ["Housing"],
        [Codes.Agreement] = ["no_opinion"],
        [Codes.Recommend] = ["9"],
        ["a.priorities.rank.speed"] = ["3"],
        ["a.priorities.rank.cost"] = ["1"],
        ["a.priorities.rank.quality"] = ["2"],
        ["a.statements.transparency"] = ["agree"],
        ["a.statements.accountability"] = ["no_opinion"],
        ["a.statements.redress"] = ["disagree"],
        [Codes.Comments] = ["Thank you."],
        [Codes.Consent] = ["true"],
    };

    /// <summary>A new analyst account on the team of the given consultation; returns its email (password <see cref="AppFactory.StaffPassword"/>).</summary>
    public static async Task<string> AnalystOfAsync(this AppFactory app, Guid consultationId)
    {
        var email = await app.CreateStaffAsync(StaffRoles.Analyst);
        await app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            var consultation = await db.Consultations.SingleAsync(c => c.Id == consultationId);
            db.ConsultationMembers.Add(ConsultationMember.Add(consultation, user.Id, MemberRole.Analyst, app.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        });
        return email;
    }

    /// <summary>The start of a real (tiny) PDF file.</summary>
    public static byte[] Pdf(int size = 600)
    {
        var bytes = new byte[size];
        "%PDF-1.7\n"u8.CopyTo(bytes);
        for (var i = 9; i < size; i++)
            bytes[i] = (byte)'x';
        return bytes;
    }
}
