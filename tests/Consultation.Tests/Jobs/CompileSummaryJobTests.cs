namespace Consultation.Tests.Jobs;

using System.Diagnostics;
using ClosedXML.Excel;
using Consultation.Tests.Support;
using Consultation.Web.Data;
using Consultation.Web.Demo;
using Consultation.Web.Domain;
using Consultation.Web.Exports;
using Consultation.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>The summary job through a real Hangfire server; the file read back by ClosedXML and converted by LibreOffice.</summary>
[Collection(JobServers.Name)]
public sealed class CompileSummaryJobTests
{
    [Fact]
    public async Task AnalystAsksForASummary_TheJobServerCompilesIt_AndTheFileReadsBackInExcelAndLibreOffice()
    {
        await using var app = AppFactory.With(new Dictionary<string, string?> { ["Jobs:Server"] = "true" });
        var respondent = app.Respondent("fr");
        await ResponseAssert.RedirectsTo("/c/ai-safety-priorities/thank-you", await respondent.CompleteAsync(await respondent.GetPageAsync("/c/ai-safety-priorities/answer"), DemoAnswers.Valid()));
        var other = app.Respondent("ja");
        await ResponseAssert.RedirectsTo("/c/ai-safety-priorities/thank-you", await other.CompleteAsync(await other.GetPageAsync("/c/ai-safety-priorities/answer"),
            DemoAnswers.ValidWith("respondent_type", "company")));
        var consultationId = await app.WithDbAsync(db => db.Consultations.Where(c => c.Slug == DemoSeeder.Slug).Select(c => c.Id).SingleAsync());
        var analyst = await app.SignedInAsync(DemoSeeder.AnalystEmail, acceptLanguage: "ja");
        var page = await analyst.GetPageAsync($"/analyse/{consultationId}");

        var compiled = await analyst.SubmitAsync(page, formSelector: "form[action$='handler=Compile']", pagePath: $"/analyse/{consultationId}");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, compiled.StatusCode);
        var export = await app.WithDbAsync(db => db.SummaryExports.SingleAsync());
        Assert.Equal("ja", export.Language);

        var status = "";
        for (var i = 0; i < 150 && status != "Done"; i++)
        {
            await Task.Delay(100);
            var json = await analyst.GetStringAsync($"/analyse/{consultationId}?handler=Status&exportId={export.Id}");
            status = System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("status").GetString()!;
        }
        Assert.Equal("Done", status);

        var download = await analyst.GetAsync($"/analyse/{consultationId}?handler=Download&exportId={export.Id}");
        Assert.Equal(CompileSummaryJob.ContentType, download.Content.Headers.ContentType!.MediaType);
        var bytes = await download.Content.ReadAsByteArrayAsync();
        using (var workbook = new XLWorkbook(new MemoryStream(bytes)))
        {
            var about = workbook.Worksheet(SummaryWorkbook.AboutSheet);
            Assert.Equal("国際的なAI安全性研究の優先課題", about.Cell("B1").GetString());
            Assert.Equal(2, about.Cell("B6").GetValue<int>());
            var summary = workbook.Worksheet(SummaryWorkbook.SummarySheet);
            var row = summary.RowsUsed().First(r => r.Cell(1).GetString() == "respondent_type" && r.Cell(3).GetString() == "academic");
            Assert.Equal(2, row.Cell(5).GetValue<int>());
            Assert.Equal(1, row.Cell(6).GetValue<int>());
            Assert.Equal(0.5, row.Cell(7).GetValue<double>(), 6);
            Assert.Equal("大学・研究機関", row.Cell(4).GetString());
        }

        var csv = await ConvertWithLibreOfficeAsync(bytes);
        Assert.Contains("国際的なAI安全性研究の優先課題", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AJobThatDiedHalfway_LeavesTheSummaryRunningWithoutAFile_AndTheRetryFinishesIt_Once()
    {
        await using var app = new AppFactory();
        var consultationId = await app.WithDbAsync(db => db.Consultations.Where(c => c.Slug == DemoSeeder.Slug).Select(c => c.Id).SingleAsync());
        var export = SummaryExport.Request(consultationId, null, "analyst@example.org", "en", app.Clock.GetUtcNow());
        // What a worker killed after starting leaves behind: running, no file.
        export.Start(app.Clock.GetUtcNow());
        await app.WithDbAsync(async db => { db.SummaryExports.Add(export); await db.SaveChangesAsync(); });
        var analyst = await app.SignedInAsync(DemoSeeder.AnalystEmail);

        Assert.Contains("Running", await analyst.GetStringAsync($"/analyse/{consultationId}?handler=Status&exportId={export.Id}"), StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await analyst.GetAsync($"/analyse/{consultationId}?handler=Download&exportId={export.Id}")).StatusCode);

        for (var run = 0; run < 2; run++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<CompileSummaryJob>().RunAsync(export.Id, CancellationToken.None);
        }

        var done = await app.WithDbAsync(db => db.SummaryExports.AsNoTracking().SingleAsync(e => e.Id == export.Id));
        Assert.Equal(ExportStatus.Done, done.Status);
        Assert.Equal(2, done.Attempts);
        Assert.Equal(done.Content!.LongLength, done.Size);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await analyst.GetAsync($"/analyse/{consultationId}?handler=Download&exportId={export.Id}")).StatusCode);
    }

    [Fact]
    public async Task AnAnalystOfAnotherConsultation_CannotDownloadTheFile_EvenWithItsAddress()
    {
        await using var app = new AppFactory();
        var consultationId = await app.WithDbAsync(db => db.Consultations.Where(c => c.Slug == DemoSeeder.Slug).Select(c => c.Id).SingleAsync());
        var export = SummaryExport.Request(consultationId, null, "analyst@example.org", "en", app.Clock.GetUtcNow());
        export.Start(app.Clock.GetUtcNow());
        export.Complete("x.xlsx", [1, 2, 3], app.Clock.GetUtcNow());
        var otherId = await app.WithDbAsync(async db =>
        {
            db.SummaryExports.Add(export);
            var other = Consultation.Create("other-one", "en", ["en"], AccessMode.PublicLink, false, 5, app.Clock.GetUtcNow());
            other.AddSection("s").AddQuestion(other, "q", QuestionType.ShortText, false);
            other.Publish(app.Clock.GetUtcNow());
            db.Consultations.Add(other);
            await db.SaveChangesAsync();
            return other.Id;
        });
        var outsider = await app.CreateStaffAsync(StaffRoles.Analyst);
        await app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == outsider);
            var other = await db.Consultations.SingleAsync(c => c.Id == otherId);
            db.ConsultationMembers.Add(ConsultationMember.Add(other, user.Id, MemberRole.Analyst, app.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        });
        var client = await app.SignedInAsync(outsider);

        var direct = await client.GetAsync($"/analyse/{consultationId}?handler=Download&exportId={export.Id}");
        var throughTheirOwn = await client.GetAsync($"/analyse/{otherId}?handler=Download&exportId={export.Id}");
        var member = await (await app.SignedInAsync(DemoSeeder.AnalystEmail)).GetAsync($"/analyse/{consultationId}?handler=Download&exportId={export.Id}");

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, direct.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, throughTheirOwn.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, member.StatusCode);
    }

    [Fact]
    public async Task ResultsOfADraftConsultation_ShowNothingToCount_InsteadOfFailing()
    {
        await using var app = new AppFactory();
        var draftId = await app.WithDbAsync(async db =>
        {
            var draft = Consultation.Create("a-draft", "en", ["en"], AccessMode.PublicLink, false, 5, app.Clock.GetUtcNow());
            draft.SetText(ElementKey.Consultation, TextField.Title, "en", "A draft");
            db.Consultations.Add(draft);
            await db.SaveChangesAsync();
            return draft.Id;
        });
        var admin = await app.SignedInAsync(DemoSeeder.AdminEmail);

        var page = await admin.GetPageAsync($"/analyse/{draftId}");

        Assert.Equal("A draft", page.Text("h1"));
        var start = await admin.GetPageAsync("/staff");
        Assert.Null(start.QuerySelector($"a[href='/analyse/{draftId}']"));
        Assert.NotNull(start.QuerySelector($"a[href='/organise/{draftId}']"));
    }

    private static async Task<string> ConvertWithLibreOfficeAsync(byte[] workbook)
    {
        var folder = Directory.CreateTempSubdirectory("consultation-lo-");
        try
        {
            var input = Path.Combine(folder.FullName, "summary.xlsx");
            await File.WriteAllBytesAsync(input, workbook);
            var info = new ProcessStartInfo("libreoffice",
            [
                $"-env:UserInstallation=file://{folder.FullName}/profile", "--headless", "--convert-to",
                "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1", "--outdir", folder.FullName, input,
            ])
            { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(info)!;
            var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
            Assert.True(process.ExitCode == 0, output);
            var csvs = Directory.GetFiles(folder.FullName, "*.csv");
            Assert.True(csvs.Length >= 1, $"LibreOffice wrote no CSV: {output}");
            return string.Concat(csvs.Select(File.ReadAllText));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
