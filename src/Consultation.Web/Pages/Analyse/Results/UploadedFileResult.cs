namespace Consultation.Web.Pages.Analyse.Results;

using Consultation.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

/// <summary>An uploaded file sent as a download, copied from PostgreSQL to the response as it is read (see <see cref="UploadedFileContent"/>).</summary>
public sealed class UploadedFileResult(Guid fileId, string fileName, string contentType, long size) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        var http = context.HttpContext;
        var response = http.Response;
        response.ContentType = contentType;
        response.ContentLength = size;
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(fileName);
        response.Headers.ContentDisposition = disposition.ToString();
        var db = http.RequestServices.GetRequiredService<ConsultationDbContext>();
        // Found a moment ago by the page; gone only if deleted in between, before anything was sent.
        if (!await UploadedFileContent.CopyToAsync(db, fileId, response.Body, http.RequestAborted))
        {
            response.Clear();
            response.StatusCode = StatusCodes.Status404NotFound;
        }
    }
}
