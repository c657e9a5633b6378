namespace Consultation.Benchmarks;

using System.Diagnostics;
using System.Globalization;
using ClosedXML.Excel;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Infrastructure;
using Consultation.Web.Localization;
using Consultation.Web.Pages.Organise.Stakeholders.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

/// <summary>
/// Rows per second of a registry import of a 10,000-row workbook (read, map, check, insert in one transaction into
/// PostgreSQL: what the preview's confirmation does) against reading the same workbook with ClosedXML alone, every
/// cell's text and nothing else: the ceiling. Both in the same run, on a throwaway cluster; the registry is emptied
/// before each import round.
/// </summary>
internal static class RegistryImportBenchmark
{
    // Usage: registry-import [rows=10000] [rounds=5]
    public static async Task RunAsync(string[] args)
    {
        int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
        var rowCount = Arg(0, 10_000);
        var rounds = Arg(1, 5);
        var content = Workbook(rowCount);
        var folder = Path.Combine(Path.GetTempPath(), "consultation-bench-" + Environment.ProcessId);
        using var cluster = EmbeddedPostgres.Start(new EmbeddedPostgresOptions { DataDirectory = folder, ForTests = true });
        try
        {
            var options = new DbContextOptionsBuilder<ConsultationDbContext>()
                .UseNpgsql(cluster.ConnectionString()).UseSnakeCaseNamingConvention().Options;
            await using (var db = new ConsultationDbContext(options))
                await db.Database.MigrateAsync();
            var s = new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance)
                .Create(typeof(global::Consultation.Web.SharedResource));
            Console.WriteLine($"{DateTimeOffset.UtcNow:u}; {Environment.ProcessorCount} cores; .NET {Environment.Version}; " +
                $"{rowCount:N0} rows × 9 columns, {content.Length / 1024.0:F0} KiB; {rounds} rounds each, interleaved, after one warm-up of each.");

            var bare = new List<double>();
            var full = new List<double>();
            for (var round = -1; round < rounds; round++)
            {
                var clock = Stopwatch.StartNew();
                var cells = BareRead(content);
                var bareSeconds = clock.Elapsed.TotalSeconds;
                if (cells != rowCount * 9 + 9)
                    throw new InvalidOperationException($"Read {cells} cells.");

                await using (var db = new ConsultationDbContext(options))
                    await db.Database.ExecuteSqlRawAsync("TRUNCATE stakeholders CASCADE");
                clock.Restart();
                var added = await ImportAsync(options, content, s);
                var fullSeconds = clock.Elapsed.TotalSeconds;
                if (added != rowCount)
                    throw new InvalidOperationException($"Imported {added} rows.");
                if (round < 0)
                    continue;
                bare.Add(bareSeconds);
                full.Add(fullSeconds);
                Console.WriteLine($"round {round + 1}: bare read {bareSeconds:F3} s, import {fullSeconds:F3} s");
            }
            var bareRate = rowCount / Median(bare);
            var fullRate = rowCount / Median(full);
            Console.WriteLine("approach                                   | seconds (median) | rows/s (median)");
            Console.WriteLine($"{"ClosedXML read alone (ceiling)",-42} | {Median(bare),16:F3} | {bareRate,15:N0}");
            Console.WriteLine($"{"import: read + check + insert (as shipped)",-42} | {Median(full),16:F3} | {fullRate,15:N0}");
            Console.WriteLine($"import rate / bare read rate: {fullRate / bareRate:P0} (goal: at least 50 %)");
        }
        finally
        {
            cluster.Stop();
            Directory.Delete(folder, recursive: true);
        }
    }

    // What the preview's confirmation does, without HTTP: read, check against the registry, insert in one transaction.
    private static async Task<int> ImportAsync(DbContextOptions<ConsultationDbContext> options, byte[] content, IStringLocalizer s)
    {
        await using var db = new ConsultationDbContext(options);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var clock = Stopwatch.StartNew();
        var table = ImportTable.Read(content, ImportFormat.Xlsx);
        var read = clock.Elapsed.TotalSeconds;
        var mapping = ImportFields.Suggest(s, table.Headers);
        var existing = await Imports.ExistingAsync(db.Stakeholders, table, mapping, CancellationToken.None);
        var plan = ImportPlan.Make(table, mapping, DuplicateChoice.Skip, existing, s, DateTimeOffset.UtcNow);
        var planned = clock.Elapsed.TotalSeconds;
        await StakeholderCopy.InsertAsync(db, plan.Rows.Where(r => r.Outcome == RowOutcome.New).Select(r => r.Added!), CancellationToken.None);
        await transaction.CommitAsync();
        Console.WriteLine($"  import: read {read:F3} s, check {planned - read:F3} s, insert {clock.Elapsed.TotalSeconds - planned:F3} s");
        return plan.New;
    }

    private static int BareRead(byte[] content)
    {
        using var workbook = new XLWorkbook(new MemoryStream(content));
        var cells = 0;
        foreach (var row in workbook.Worksheets.First().RowsUsed())
            foreach (var cell in row.CellsUsed())
            {
                GC.KeepAlive(cell.GetString());
                cells++;
            }
        return cells;
    }

    private static byte[] Workbook(int rows)
    {
        string[] names = ["佐藤 結衣", "김민준", "محمد الأحمد", "தமிழ்செல்வி முருகன்", "Amina Odhiambo", "Zoë Martin"];
        string[] countries = ["JP", "KR", "EG", "IN", "KE", "FR"];
        string[] languages = ["ja", "ko", "ar", "ta", "sw", "fr"];
        string[] zones = ["Asia/Tokyo", "Asia/Seoul", "Africa/Cairo", "Asia/Kolkata", "Africa/Nairobi", "Europe/Paris"];
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("People");
        string[] headers = ["Name", "Email", "Organisation", "Country", "Preferred language", "Time zone", "Tags", "Consent given", "Consent date"];
        for (var c = 0; c < headers.Length; c++)
            sheet.Cell(1, c + 1).SetValue(headers[c]);
        for (var i = 0; i < rows; i++)
        {
            var k = i % names.Length;
            var r = i + 2;
            sheet.Cell(r, 1).SetValue($"{names[k]} {i}");
            sheet.Cell(r, 2).SetValue($"person-{i}@example.org");
            sheet.Cell(r, 3).SetValue($"Organisation {i % 500}");
            sheet.Cell(r, 4).SetValue(countries[k]);
            sheet.Cell(r, 5).SetValue(languages[k]);
            sheet.Cell(r, 6).SetValue(zones[k]);
            sheet.Cell(r, 7).SetValue("bench, 2026");
            sheet.Cell(r, 8).SetValue("yes");
            sheet.Cell(r, 9).SetValue(new DateTime(2026, 11, 1 + (i % 28)));
        }
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
