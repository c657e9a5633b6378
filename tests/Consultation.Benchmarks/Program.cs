using System.Diagnostics;
using System.Text.Json;
using Consultation.Web.Data;
using Consultation.Web.Demo;
using Consultation.Web.Domain;
using Consultation.Web.Exports;
using Consultation.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

// answer-page: the respondent's answer page against a static copy of it (issue 8); see AnswerPageBenchmark.
if (args.FirstOrDefault() == "answer-page")
{
    await Consultation.Benchmarks.AnswerPageBenchmark.RunAsync(args[1..]);
    return;
}

// registry-import: a 10,000-row workbook imported into the registry against ClosedXML reading it alone; see RegistryImportBenchmark.
if (args.FirstOrDefault() == "registry-import")
{
    await Consultation.Benchmarks.RegistryImportBenchmark.RunAsync(args[1..]);
    return;
}

// invitation-delivery: invite 10,000 and deliver their emails against a bare MailKit loop; see InvitationDeliveryBenchmark.
if (args.FirstOrDefault() == "invitation-delivery")
{
    await Consultation.Benchmarks.InvitationDeliveryBenchmark.RunAsync(args[1..]);
    return;
}

// Measures the first Excel summary on a consultation with many responses: counting them in a stream
// (what the job does) against loading them all first (the baseline), in the same run on the same data.
// Usage: dotnet run -c Release --project tests/Consultation.Benchmarks -- [responses=20000] [rounds=3]
var responses = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 20_000;
var rounds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3;
var folder = Path.Combine(Path.GetTempPath(), "consultation-bench-" + Environment.ProcessId);
using var cluster = EmbeddedPostgres.Start(new EmbeddedPostgresOptions { DataDirectory = folder, ForTests = true });
try
{
    var options = new DbContextOptionsBuilder<ConsultationDbContext>()
        .UseNpgsql(cluster.ConnectionString()).UseSnakeCaseNamingConvention().Options;
    var consultationId = await SeedAsync(options, responses);
    Console.WriteLine($"{responses:N0} submitted responses to the demo questionnaire; {rounds} rounds each; {Environment.ProcessorCount} cores.");
    Console.WriteLine("approach            | seconds (median) | allocated MB (median) | peak heap growth MB (median)");
    foreach (var (name, run) in new (string, Func<ConsultationDbContext, Task>)[]
    {
        ("load all (baseline)", db => LoadAllAsync(db, consultationId)),
        ("stream (the job)", db => SummaryQuery.CountAsync(db, consultationId, "en", DateTimeOffset.UtcNow, CancellationToken.None)),
    })
    {
        var seconds = new List<double>();
        var megabytes = new List<double>();
        var peaks = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            await using var db = new ConsultationDbContext(options);
            GC.Collect();
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var before = GC.GetTotalMemory(forceFullCollection: true);
            long peak = before;
            using var sampling = new CancellationTokenSource();
            // Samples the live heap while the approach runs: what it holds at once, not what it allocates in all.
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false));
                    await Task.Delay(2);
                }
            });
            var clock = Stopwatch.StartNew();
            await run(db);
            seconds.Add(clock.Elapsed.TotalSeconds);
            await sampling.CancelAsync();
            await sampler;
            megabytes.Add((GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0);
            peaks.Add((peak - before) / 1048576.0);
        }
        Console.WriteLine($"{name,-19} | {Median(seconds),16:F2} | {Median(megabytes),21:F1} | {Median(peaks),28:F1}");
    }
    var workbookClock = Stopwatch.StartNew();
    await using (var db = new ConsultationDbContext(options))
    {
        var data = await SummaryQuery.CountAsync(db, consultationId, "en", DateTimeOffset.UtcNow, CancellationToken.None);
        using var workbook = SummaryWorkbook.Build(data, Labels());
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        Console.WriteLine($"count + build + save the workbook: {workbookClock.Elapsed.TotalSeconds:F2} s, {stream.Length / 1024.0:F0} KiB");
    }
}
finally
{
    cluster.Stop();
    Directory.Delete(folder, recursive: true);
}

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

// The baseline: materialise every response, then count.
static async Task LoadAllAsync(ConsultationDbContext db, Guid consultationId)
{
    var all = await db.Responses.AsNoTracking().Where(r => r.ConsultationId == consultationId && r.Status == ResponseStatus.Submitted).ToListAsync();
    var counts = new Dictionary<(string, string), int>();
    foreach (var response in all)
        foreach (var (code, _) in response.Answers.Values)
            foreach (var choice in response.Answers.Choices(code))
                counts[(code, choice)] = counts.GetValueOrDefault((code, choice)) + 1;
    GC.KeepAlive(counts);
}

static async Task<Guid> SeedAsync(DbContextOptions<ConsultationDbContext> options, int count)
{
    await using var db = new ConsultationDbContext(options);
    await db.Database.MigrateAsync();
    var definition = DemoDefinition.Load(DemoSeeder.DefinitionName);
    var now = DateTimeOffset.UtcNow;
    var consultation = Consultation.Web.Domain.Consultation.Create("bench", "en", ["en", "fr"], AccessMode.PublicLink, false, 5, now);
    var section = consultation.AddSection("main");
    foreach (var q in definition.Sections.SelectMany(s => s.Questions).Where(q => q.Options is not null || q.Scale is not null))
    {
        var question = section.AddQuestion(consultation, q.Code, q.Type, false);
        foreach (var o in q.Options ?? definition.Scales[q.Scale!])
            question.AddOption(o.Code, o.Sector, o.NoOpinion);
    }
    consultation.Schedule(null, now.AddDays(30));
    var version = consultation.Publish(now);
    db.Consultations.Add(consultation);
    await db.SaveChangesAsync();

    var random = new Random(42);
    var questions = version.Snapshot.Questions.ToList();
    for (var batch = 0; batch < count; batch += 2000)
    {
        await using var insert = new ConsultationDbContext(options);
        for (var i = batch; i < Math.Min(count, batch + 2000); i++)
        {
            var answers = new Dictionary<string, JsonElement>();
            foreach (var question in questions)
            {
                var option = question.Options[random.Next(question.Options.Count)].Code;
                answers[question.Code] = question.Type == QuestionType.MultipleChoice
                    ? JsonSerializer.SerializeToElement(new[] { option })
                    : JsonSerializer.SerializeToElement(option);
            }
            insert.Responses.Add(Response.Submit(consultation, version, null, InvitationToken.New(), random.Next(2) == 0 ? "en" : "fr", new AnswerSet(answers), now));
        }
        await insert.SaveChangesAsync();
    }
    return consultation.Id;
}

static SummaryLabels Labels() => new("Consultation", "Address", "Versions", "Languages", "Compiled at", "Submitted", "In progress",
    "By language", "By sector", "Language", "Sector", "Responses", "Question code", "Question", "Option code", "Option",
    "answered", "count", "share", "All", group => group.ToString(), language => language, "How to read");
