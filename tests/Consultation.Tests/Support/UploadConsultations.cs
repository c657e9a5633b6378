namespace Consultation.Tests.Support;

using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// A one-page consultation with two upload questions ("paper" and "annex", PDF up to 10 MB each) and a comment, open on its
/// public link and to invitations: what the upload limits and the retention job are tested with.
/// </summary>
public static class UploadConsultations
{
    public static async Task<Consultation> UploadsAsync(this AppFactory app, bool anonymous = false)
    {
        var now = app.Clock.GetUtcNow();
        var c = Consultation.Create($"uploads-{Guid.NewGuid():N}"[..20], "en", ["en", "fr"], AccessMode.Both, anonymous, 5, now);
        void Text(string key, string en, string fr, TextField field = TextField.Label)
        {
            c.SetText(key, field, "en", en);
            c.SetText(key, field, "fr", fr);
        }
        Text(ElementKey.Consultation, "Uploads consultation", "Consultation des dépôts", TextField.Title);
        var papers = c.AddSection("papers");
        Text(ElementKey.Section("papers"), "Your papers", "Vos documents", TextField.Title);
        papers.AddQuestion(c, "paper", QuestionType.FileUpload, false).LimitUpload(10, ["pdf"]);
        Text(ElementKey.Question("paper"), "Your position paper", "Votre prise de position");
        papers.AddQuestion(c, "annex", QuestionType.FileUpload, false).LimitUpload(10, ["pdf"]);
        Text(ElementKey.Question("annex"), "An annex", "Une annexe");
        papers.AddQuestion(c, "comments", QuestionType.LongText, false);
        Text(ElementKey.Question("comments"), "Anything else?", "Autre chose ?");
        c.Schedule(null, now.AddDays(10));
        c.Publish(now);
        await app.WithDbAsync(async db =>
        {
            db.Consultations.Add(c);
            await db.SaveChangesAsync();
        });
        return c;
    }

    /// <summary>Posts the page's form as its autosave would, with files (by field name, a.{code}); returns the answer.</summary>
    public static Task<HttpResponseMessage> AutosaveWithFilesAsync(this HttpClient client, IHtmlDocument page, IDictionary<string, string[]>? answers,
        IDictionary<string, (string FileName, byte[] Content)> files)
    {
        var form = page.QuerySelector<IHtmlFormElement>("#answer-form")!;
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in Html.FormValues(form, answers).Where(v => !files.ContainsKey(v.Key)))
            content.Add(new StringContent(value), name);
        foreach (var (name, (fileName, bytes)) in files)
            content.Add(new ByteArrayContent(bytes), name, fileName);
        return client.PostAsync(form.GetAttribute("data-autosave"), content);
    }

    /// <summary>The ids of the files stored for a consultation.</summary>
    public static Task<List<Guid>> FileIdsAsync(this AppFactory app, Guid consultationId) =>
        app.WithDbAsync(db => db.UploadedFiles.Where(f => f.ConsultationId == consultationId).Select(f => f.Id).ToListAsync());

    /// <summary>A stored file's bytes, read as the database holds them.</summary>
    public static Task<byte[]> FileContentAsync(this AppFactory app, Guid fileId) =>
        app.WithDbAsync(db => db.Database.SqlQuery<byte[]>($"SELECT content AS \"Value\" FROM uploaded_files WHERE id = {fileId}").SingleAsync());
}
