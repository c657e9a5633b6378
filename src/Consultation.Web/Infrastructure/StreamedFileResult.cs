namespace Consultation.Web.Infrastructure;

using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

/// <summary>A download written straight to the response as it is produced, so a large file is never held whole in memory.</summary>
public sealed class StreamedFileResult(string contentType, string fileName, Func<Stream, CancellationToken, Task> write) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.ContentType = contentType;
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(fileName);
        response.Headers.ContentDisposition = disposition.ToString();
        await write(response.Body, context.HttpContext.RequestAborted);
    }
}
