namespace Consultation.Tests.Pages.Organise.Publish;

using System.Net;
using AngleSharp.Dom;
using Consultation.Tests.Support;
using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;

/// <summary>Publishing from the organiser's pages: the checks in words with links, then a frozen version stakeholders answer.</summary>
public sealed class PublishPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task AConsultationWithProblems_ListsEachWithALink_AndStaysADraft()
    {
        var id = await DraftAsync(["en", "fr"], withOptions: false);
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id), acceptLanguage: "fr");
        var path = $"/organise/{id}/publish";

        var refused = await organiser.PostAsync(path, new FormUrlEncodedContent(await TokenAsync(organiser, path)));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var problems = (await Html.ParseAsync(refused)).QuerySelectorAll("[data-error-summary] li a").ToList();
        Assert.Contains(problems, a => a.TextContent == Localized.Text("fr", "“{0}” has no options.", "sector")
            && a.GetAttribute("href") == $"/organise/{id}/questions/sector");
        Assert.Contains(problems, a => a.TextContent == Localized.Text("fr", "A text is missing in {0}: {1}.", "Français", "Your sector")
            && a.GetAttribute("href") == $"/organise/{id}/questions/sector");
        Assert.Equal(ConsultationStatus.Draft, await app.WithDbAsync(db => db.Consultations.Where(c => c.Id == id).Select(c => c.Status).SingleAsync()));
    }

    [Fact]
    public async Task AConsultationThatPassesEveryCheck_IsPublished_AndStakeholdersCanAnswerIt()
    {
        var id = await DraftAsync(["en"], withOptions: true);
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id));
        var path = $"/organise/{id}/publish";
        var page = await organiser.GetPageAsync(path);
        Assert.Null(page.QuerySelector("[data-error-summary]"));

        var published = await organiser.SubmitAsync(page, formSelector: "main form", pagePath: path);

        await ResponseAssert.RedirectsTo($"/organise/{id}", published);
        var stored = await app.WithDbAsync(db => db.Consultations.Include(c => c.Versions).AsNoTracking().SingleAsync(c => c.Id == id));
        Assert.Equal(ConsultationStatus.Open, stored.Status);
        Assert.Equal(1, stored.Versions.Single().Number);
        Assert.NotNull(stored.FirstPublishedAt);
        Assert.Contains(await app.WithDbAsync(db => db.AuditEvents.Select(e => e.Action).ToListAsync()), a => a == AuditActions.ConsultationPublished);
        var answer = await app.Respondent().GetPageAsync($"/c/{stored.Slug}/answer");
        Assert.Contains("Your sector", answer.Text("main"), StringComparison.Ordinal);
        var builder = await organiser.GetPageAsync($"/organise/{id}/questions/sector");
        Assert.True(builder.QuerySelector("#Input_Code")!.HasAttribute("readonly"));
    }

    private static async Task<Dictionary<string, string>> TokenAsync(HttpClient client, string path)
    {
        var page = await client.GetPageAsync(path);
        var token = page.QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value");
        return token is null ? [] : new Dictionary<string, string> { ["__RequestVerificationToken"] = token };
    }

    private Task<Guid> DraftAsync(string[] languages, bool withOptions) => app.WithDbAsync(async db =>
    {
        var consultation = Consultation.Create($"publish-{Guid.NewGuid():N}"[..20], "en", languages,
            AccessMode.PublicLink, isAnonymous: false, estimatedMinutes: 5, app.Clock.GetUtcNow());
        consultation.SetText(ElementKey.Consultation, TextField.Title, "en", "Ready to publish?");
        var section = consultation.AddSection("about");
        consultation.SetText(ElementKey.Section("about"), TextField.Title, "en", "About you");
        var sector = section.AddQuestion(consultation, "sector", QuestionType.SingleChoice, true);
        consultation.SetText(ElementKey.Question("sector"), TextField.Label, "en", "Your sector");
        if (withOptions)
        {
            sector.AddOption("academia");
            consultation.SetText(ElementKey.Option("sector", "academia"), TextField.Label, "en", "Academia");
        }
        db.Consultations.Add(consultation);
        await db.SaveChangesAsync();
        return consultation.Id;
    });

}
