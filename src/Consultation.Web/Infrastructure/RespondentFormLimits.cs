namespace Consultation.Web.Infrastructure;

using Consultation.Web.Domain;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

/// <summary>
/// The size of an answer form: room for one file of the largest size an upload question may allow, and a
/// megabyte for everything else. The respondent pages' form is read early (a language switch posted with the
/// answers must be known before the page runs), so the limit is set on the request before that first read;
/// beyond it the form cannot be read and the status page says the upload was too large (413). The total a draft may
/// hold is <see cref="Pages.Respond.DraftFiles"/>' quota.
/// </summary>
public static class RespondentFormLimits
{
    public const long MaxRequestBytes = (Question.LargestFileMegabytes + 1) * 1024L * 1024L;

    public static void Apply(HttpContext context)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = MaxRequestBytes;
        if (context.Features.Get<IFormFeature>() is { Form: not null })
            return;
        var defaults = context.RequestServices.GetService<IOptions<FormOptions>>()?.Value ?? new FormOptions();
        context.Features.Set<IFormFeature>(new FormFeature(context.Request, new FormOptions
        {
            BufferBody = defaults.BufferBody,
            MemoryBufferThreshold = defaults.MemoryBufferThreshold,
            BufferBodyLengthLimit = defaults.BufferBodyLengthLimit,
            ValueCountLimit = defaults.ValueCountLimit,
            KeyLengthLimit = defaults.KeyLengthLimit,
            ValueLengthLimit = defaults.ValueLengthLimit,
            MultipartBoundaryLengthLimit = defaults.MultipartBoundaryLengthLimit,
            MultipartHeadersCountLimit = defaults.MultipartHeadersCountLimit,
            MultipartHeadersLengthLimit = defaults.MultipartHeadersLengthLimit,
            MultipartBodyLengthLimit = MaxRequestBytes,
        }));
    }
}
