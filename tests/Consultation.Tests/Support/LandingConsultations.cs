namespace Consultation.Tests.Support;

using Consultation.Web.Domain;

/// <summary>
/// A published consultation in English, French and Japanese whose schedule is kept in Paris time, with Markdown
/// in its long texts (including a link a browser would run, which must not survive), for the landing page tests.
/// </summary>
public static class LandingConsultations
{
    public const string TimeZone = "Europe/Paris";
    public const string Title = "Priorités pour la sécurité de l’IA";
    public const string TitleJa = "AI安全性の優先事項";

    /// <summary>15 July next year, 16:00 UTC: 18:00 in Paris (summer time), 01:00 the next day in Tokyo.</summary>
    public static DateTimeOffset ClosingTime(DateTimeOffset now) => new(now.Year + 1, 7, 15, 16, 0, 0, TimeSpan.Zero);

    /// <summary>Stores the consultation: open now and closing at <see cref="ClosingTime"/>, or with no closing date, or opening later.</summary>
    public static async Task<Consultation> SeedAsync(this AppFactory app, bool closes = true, DateTimeOffset? opens = null, int minutes = 10)
    {
        var now = app.Clock.GetUtcNow();
        var c = Consultation.Create($"landing-{Guid.NewGuid():N}"[..20], "en", ["en", "fr", "ja"], AccessMode.PublicLink, false, minutes, now);
        c.UseTimeZone(TimeZone);
        void Text(string key, TextField field, string en, string fr, string ja)
        {
            c.SetText(key, field, "en", en);
            c.SetText(key, field, "fr", fr);
            c.SetText(key, field, "ja", ja);
        }
        Text(ElementKey.Consultation, TextField.Title, "AI safety priorities", Title, TitleJa);
        Text(ElementKey.Consultation, TextField.Summary, "Help us set **priorities**.", "Aidez-nous à fixer les **priorités**.", "**優先事項**の決定にご協力ください。");
        Text(ElementKey.Consultation, TextField.Landing,
            "Read [the background](https://example.org/background) first.",
            "Lisez d’abord [le contexte](https://example.org/background).",
            "まず[背景資料](https://example.org/background)をお読みください。");
        Text(ElementKey.Consultation, TextField.PrivacyNotice,
            "We keep answers for *two years*. [Click here](javascript:alert(1)) <script>alert(1)</script>",
            "Nous gardons les réponses *deux ans*. [Cliquez ici](javascript:alert(1)) <script>alert(1)</script>",
            "回答は*2年間*保管します。[ここをクリック](javascript:alert(1)) <script>alert(1)</script>");
        var section = c.AddSection("main");
        Text(ElementKey.Section("main"), TextField.Title, "Your view", "Votre avis", "ご意見");
        section.AddQuestion(c, "view", QuestionType.LongText, isRequired: true);
        Text(ElementKey.Question("view"), TextField.Label, "What matters most?", "Qu’est-ce qui compte le plus ?", "最も重要なことは何ですか？");
        c.Schedule(opens, closes ? ClosingTime(now) : null);
        c.Publish(now);
        await app.WithDbAsync(async db =>
        {
            db.Consultations.Add(c);
            await db.SaveChangesAsync();
        });
        return c;
    }
}
