namespace Consultation.Web.Domain;

public enum ImportFormat { Csv, Xlsx }

public enum ImportStatus { Uploaded, Imported }

/// <summary>What an import does with a row whose address is already in the registry.</summary>
public enum DuplicateChoice { Skip, Update }

/// <summary>
/// A file of people on its way into the registry: uploaded, mapped, previewed, then imported once. The file is kept
/// here between those steps, so that whichever node serves the next request can finish it; once imported, the file is
/// let go and the counts remain. An import left unfinished is purged after a day.
/// </summary>
public sealed class StakeholderImport
{
    public const int FileNameLength = 200;
    public const long MaxBytes = 10L * 1024 * 1024;
    public const int MaxRows = 50_000;

    private StakeholderImport() { }

    public Guid Id { get; private set; }
    public string FileName { get; private set; } = "";
    public ImportFormat Format { get; private set; }
    public long Size { get; private set; }
    public byte[] Content { get; private set; } = [];
    public Guid? UploadedById { get; private set; }
    public string UploadedBy { get; private set; } = "";
    public DateTimeOffset UploadedAt { get; private set; }

    /// <summary>Per column of the file, in order, the field it fills (its name), or "" when it is ignored.</summary>
    public List<string> Mapping { get; private set; } = [];

    public DuplicateChoice Duplicates { get; private set; }
    public ImportStatus Status { get; private set; }
    public DateTimeOffset? ImportedAt { get; private set; }
    public int Added { get; private set; }
    public int Updated { get; private set; }
    public int Skipped { get; private set; }
    public int Invalid { get; private set; }

    /// <summary>The row's version (PostgreSQL's xmin): of two submissions of one import, only the first saves.</summary>
    public uint Version { get; private set; }

    public static StakeholderImport Upload(string fileName, ImportFormat format, byte[] content, Guid? userId, string userName, DateTimeOffset now)
    {
        if (content.Length == 0 || content.LongLength > MaxBytes)
            throw new DomainException("The file must be {0} MB or smaller.", MaxBytes / 1024 / 1024);
        var name = fileName.Trim();
        return new StakeholderImport
        {
            Id = Guid.NewGuid(),
            FileName = name.Length > FileNameLength ? name[..FileNameLength] : name,
            Format = format,
            Size = content.LongLength,
            Content = content,
            UploadedById = userId,
            UploadedBy = userName.Length > 320 ? userName[..320] : userName,
            UploadedAt = now,
            Status = ImportStatus.Uploaded,
        };
    }

    public void Map(IReadOnlyList<string> mapping, DuplicateChoice duplicates)
    {
        EnsureNotImported();
        if (!Enum.IsDefined(duplicates))
            throw new DomainException("Choose what to do with people already in the registry.");
        Mapping = [.. mapping];
        Duplicates = duplicates;
    }

    /// <summary>Records the outcome and lets go of the file: its people are in the registry now, or were refused.</summary>
    public void Complete(int added, int updated, int skipped, int invalid, DateTimeOffset now)
    {
        EnsureNotImported();
        (Added, Updated, Skipped, Invalid) = (added, updated, skipped, invalid);
        Status = ImportStatus.Imported;
        ImportedAt = now;
        Content = [];
    }

    private void EnsureNotImported()
    {
        if (Status == ImportStatus.Imported)
            throw new DomainException("This file has already been imported.");
    }
}
