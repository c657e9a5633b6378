namespace Consultation.Web.Domain;

public enum ExportStatus { Queued, Running, Done, Failed }

/// <summary>
/// An Excel summary an analyst asked for. The file is stored with it, in the same update that marks it done,
/// so a summary is never shown as done without its whole file.
/// </summary>
public sealed class SummaryExport
{
    private SummaryExport() { }

    public Guid Id { get; private set; }
    public Guid ConsultationId { get; private set; }
    public Guid? RequestedById { get; private set; }
    public string RequestedBy { get; private set; } = "";

    /// <summary>The language of the workbook's labels: the analyst's interface language when the consultation has it.</summary>
    public string Language { get; private set; } = "";

    public ExportStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public string? Error { get; private set; }
    public string? FileName { get; private set; }
    public byte[]? Content { get; private set; }
    public long Size { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }

    public static SummaryExport Request(Guid consultationId, Guid? userId, string requestedBy, string language, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        ConsultationId = consultationId,
        RequestedById = userId,
        RequestedBy = requestedBy,
        Language = language,
        Status = ExportStatus.Queued,
        RequestedAt = now,
    };

    /// <summary>Starts (or, after a crash, restarts) the compilation. A finished summary is never compiled again.</summary>
    public bool Start(DateTimeOffset now)
    {
        if (Status == ExportStatus.Done)
            return false;
        Status = ExportStatus.Running;
        Attempts++;
        StartedAt = now;
        Error = null;
        return true;
    }

    public void Complete(string fileName, byte[] content, DateTimeOffset now)
    {
        if (Status != ExportStatus.Running)
            throw new DomainException("Only a running summary can be completed.");
        FileName = fileName;
        Content = content;
        Size = content.LongLength;
        Status = ExportStatus.Done;
        FinishedAt = now;
    }

    public void Fail(string error, DateTimeOffset now)
    {
        Status = ExportStatus.Failed;
        Error = error.Length > 1000 ? error[..1000] : error;
        FinishedAt = now;
    }
}
