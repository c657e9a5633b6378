namespace Consultation.Tests.Pages.Respond;

using System.Net;
using System.Security.Cryptography;
using Consultation.Tests.Support;
using static Consultation.Tests.Support.TestConsultations;

/// <summary>Allocation is counted for the whole process: these tests run when no other test does.</summary>
[CollectionDefinition(nameof(MeasuredAlone), DisableParallelization = true)]
public sealed class MeasuredAlone;

/// <summary>A file goes from the request to PostgreSQL, and from PostgreSQL to an analyst, without being held whole in memory.</summary>
[Collection(nameof(MeasuredAlone))]
public sealed class UploadStreamingTests
{
    // Within the question's 10 MB limit.
    private const int Size = 9 * 1024 * 1024;

    // Measured here: about 1.5 MB for the page beyond the transport, and 0.5 MB for the download; a file held whole adds its size.
    private static async Task<long> AllocatedDuringAsync(Func<Task> work)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        await work();
        return GC.GetTotalAllocatedBytes(precise: true) - before;
    }

    [Fact]
    public async Task ANineMegabyteFile_IsStoredAndDownloaded_AllocatingFarLessThanItsSize()
    {
        await using var app = AppFactory.With(new Dictionary<string, string?>());
        var consultation = await app.UploadsAsync();
        var client = app.Respondent();
        var pdf = Pdf(Size);
        var first = await client.AutosaveWithFilesAsync(await client.GetPageAsync($"/c/{consultation.Slug}/answer"), null,
            new Dictionary<string, (string, byte[])> { ["a.paper"] = ("warm-up.pdf", Pdf(100 * 1024)) });
        var path = first.Headers.GetValues("X-Resume-Path").Single();
        var page = await client.GetPageAsync(path);

        // The test server copies a request's content into memory on its way in: that much is counted apart and taken off.
        var transport = await AllocatedDuringAsync(async () =>
            (await client.PostAsync("/health/live", new MultipartFormDataContent { { new ByteArrayContent(pdf), "a.paper", "paper.pdf" } })).Dispose());
        HttpResponseMessage? saved = null;
        var uploading = await AllocatedDuringAsync(async () =>
            saved = await client.AutosaveWithFilesAsync(page, null, new Dictionary<string, (string, byte[])> { ["a.paper"] = ("paper.pdf", pdf) }));

        Assert.Equal(HttpStatusCode.NoContent, saved!.StatusCode);
        Assert.InRange(uploading - transport, long.MinValue, Size / 2);
        await ResponseAssert.RedirectsTo($"/c/{consultation.Slug}/thank-you", await client.CompleteAsync(await client.GetPageAsync(path)));
        var fileId = (await app.SubmittedResponsesAsync()).Single().Answers.File("paper")!.Id;
        var analyst = await app.SignedInAsync(await app.AnalystOfAsync(consultation.Id));
        var url = $"/analyse/{consultation.Id}?handler=File&fileId={fileId}";
        (await analyst.GetAsync(url, HttpCompletionOption.ResponseHeadersRead)).Dispose();

        byte[]? hash = null;
        long? length = null;
        var downloading = await AllocatedDuringAsync(async () =>
        {
            using var download = await analyst.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
            length = download.Content.Headers.ContentLength;
            await using var body = await download.Content.ReadAsStreamAsync();
            hash = await SHA256.HashDataAsync(body);
        });

        Assert.Equal(Size, length);
        Assert.Equal(SHA256.HashData(pdf), hash);
        Assert.InRange(downloading, 0, Size / 2);
    }
}
