namespace Consultation.Tests.Support;

using Consultation.Web.Domain;

/// <summary>
/// A three-section consultation for the respondent's journey, in English and French, open on its public link and to
/// invitations: "about" (role), "industry" (shown only to industry, a decimal share), "views" (agree, and why when not).
/// </summary>
public static class JourneyConsultations
{
    public sealed record Journey(Consultation Consultation, string Token, string Email)
    {
        public string Slug => Consultation.Slug;
        public string PublicLink => $"/c/{Slug}";
        public string PersonalLink => $"/r/{Token}";
    }

    public static async Task<Journey> JourneyAsync(this AppFactory app, bool anonymous = false, bool asksPublication = false, TimeSpan? opensIn = null)
    {
        var now = app.Clock.GetUtcNow();
        var c = Consultation.Create($"journey-{Guid.NewGuid():N}"[..20], "en", ["en", "fr"], AccessMode.Both, anonymous, 5, now);
        void Text(string key, TextField field, string en, string fr)
        {
            c.SetText(key, field, "en", en);
            c.SetText(key, field, "fr", fr);
        }
        Text(ElementKey.Consultation, TextField.Title, "Journey consultation", "Consultation parcours");
        if (asksPublication)
            c.AskPublicationPreference(true);

        var about = c.AddSection("about");
        Text(ElementKey.Section("about"), TextField.Title, "About you", "À propos de vous");
        var role = about.AddQuestion(c, "role", QuestionType.SingleChoice, true);
        Text(ElementKey.Question("role"), TextField.Label, "Where do you work?", "Où travaillez-vous ?");
        foreach (var (code, en, fr) in new[] { ("academic", "A university", "Une université"), ("industry", "A company", "Une entreprise") })
        {
            role.AddOption(code);
            Text(ElementKey.Option("role", code), TextField.Label, en, fr);
        }

        var industry = c.AddSection("industry");
        Text(ElementKey.Section("industry"), TextField.Title, "Your company", "Votre entreprise");
        industry.AddQuestion(c, "share", QuestionType.Number, true).LimitRange(0, 100, allowsDecimals: true);
        Text(ElementKey.Question("share"), TextField.Label, "Share of budget on safety (%)", "Part du budget consacrée à la sûreté (%)");
        c.SetCondition("share", "role = 'industry'");

        var views = c.AddSection("views");
        Text(ElementKey.Section("views"), TextField.Title, "Your views", "Vos avis");
        views.AddQuestion(c, "agree", QuestionType.YesNo, true);
        Text(ElementKey.Question("agree"), TextField.Label, "Do you agree with the plan?", "Approuvez-vous le plan ?");
        views.AddQuestion(c, "why", QuestionType.LongText, false);
        Text(ElementKey.Question("why"), TextField.Label, "Why not?", "Pourquoi pas ?");
        c.SetCondition("why", "agree = 'no'");

        c.Schedule(opensIn is { } wait ? now + wait : null, now.AddDays(10));
        c.Publish(now);
        var email = $"{Guid.NewGuid():N}@example.org";
        var stakeholder = Stakeholder.Create("Amina Person", email, "Lab", Sector.Industry, "KE", "en", now);
        var token = InvitationToken.New();
        await app.WithDbAsync(async db =>
        {
            db.Consultations.Add(c);
            db.Stakeholders.Add(stakeholder);
            db.Invitations.Add(Invitation.Issue(c, stakeholder, token, now));
            await db.SaveChangesAsync();
        });
        return new Journey(c, token, email);
    }
}
