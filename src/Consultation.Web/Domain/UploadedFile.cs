using System.Text;

namespace Consultation.Web.Domain;

/// <summary>
/// A file a respondent uploaded to answer a question (a position paper), stored in the database so that any
/// node serves it. Nothing here links it to a person: a random id, the consultation, the question, and the
/// day it arrived. The response's answer points at it by id. Its bytes are not a property: they are written and read as
/// streams (<see cref="Data.UploadedFileContent"/>), so that a 20 MB file is never held whole in memory.
/// </summary>
public sealed class UploadedFile
{
    /// <summary>The longest file name kept; longer names are shortened, keeping the extension.</summary>
    public const int FileNameLength = 200;

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        ["pdf"] = "application/pdf",
        ["docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ["doc"] = "application/msword",
        ["odt"] = "application/vnd.oasis.opendocument.text",
        ["rtf"] = "application/rtf",
        ["txt"] = "text/plain",
        ["xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ["ods"] = "application/vnd.oasis.opendocument.spreadsheet",
        ["pptx"] = "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    };

    private UploadedFile() { }

    public Guid Id { get; private set; }
    public Guid ConsultationId { get; private set; }
    public string QuestionCode { get; private set; } = "";
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public long Size { get; private set; }

    /// <summary>The day (UTC) it arrived: coarse on purpose, so it cannot be matched with other timestamps.</summary>
    public DateTimeOffset UploadedOn { get; private set; }

    public FileAnswer ToAnswer() => new(Id, FileName, Size, ContentType);

    /// <summary>How many bytes <see cref="Check"/> needs to see of the file's beginning.</summary>
    public const int HeadLength = 8192;

    /// <summary>
    /// Whether a file may answer the question: not empty, within the size limit, an allowed extension, and a
    /// beginning that matches it (PDF starts "%PDF-", Office Open XML and OpenDocument files are zip archives
    /// "PK", old Word files are OLE documents, RTF starts "{\rtf", text has no NUL bytes).
    /// </summary>
    public static AnswerError? Check(QuestionSnapshot question, string fileName, long size, ReadOnlySpan<byte> head)
    {
        var allowed = question.AllowedFileTypes;
        var typesText = string.Join(", ", allowed.Select(t => t.ToUpperInvariant()));
        if (size == 0)
            return new AnswerError(question.Code, AnswerReader.Messages.FileEmpty);
        var megabytes = question.MaxFileMegabytes ?? Question.LargestFileMegabytes;
        if (size > megabytes * 1024L * 1024L)
            return new AnswerError(question.Code, AnswerReader.Messages.FileTooLarge, megabytes);
        var extension = ExtensionOf(fileName);
        if (extension is null || !allowed.Contains(extension) || !ContentTypes.ContainsKey(extension))
            return new AnswerError(question.Code, AnswerReader.Messages.FileWrongType, typesText);
        if (!LooksLike(extension, head))
            return new AnswerError(question.Code, AnswerReader.Messages.FileContentMismatch, extension.ToUpperInvariant());
        return null;
    }

    /// <summary>A file of <paramref name="size"/> bytes that passed <see cref="Check"/>, to be stored with its content.</summary>
    public static UploadedFile Store(Guid consultationId, string questionCode, string fileName, long size, DateTimeOffset now)
    {
        var extension = ExtensionOf(fileName) ?? throw new DomainException("A stored file has a known extension.");
        return new UploadedFile
        {
            // Random (version 4): the id must not reveal when the file arrived.
            Id = Guid.NewGuid(),
            ConsultationId = consultationId,
            QuestionCode = questionCode,
            FileName = CleanName(fileName),
            ContentType = ContentTypes[extension],
            Size = size,
            UploadedOn = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero),
        };
    }

    public static string? ExtensionOf(string fileName)
    {
        var extension = Path.GetExtension(CleanName(fileName)).TrimStart('.').ToLowerInvariant();
        return extension.Length == 0 ? null : extension;
    }

    /// <summary>The name without any folder a browser may have sent, control characters or excessive length.</summary>
    public static string CleanName(string fileName)
    {
        var name = fileName.Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        name = string.Concat(name.Where(c => !char.IsControl(c))).Trim();
        if (name.Length <= FileNameLength)
            return name;
        var extension = Path.GetExtension(name);
        return string.Concat(name.AsSpan(0, FileNameLength - extension.Length), extension);
    }

    private static bool LooksLike(string extension, ReadOnlySpan<byte> head) => extension switch
    {
        "pdf" => head.StartsWith("%PDF-"u8),
        "docx" or "xlsx" or "pptx" or "odt" or "ods" => head.StartsWith("PK\u0003\u0004"u8),
        "doc" => head.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]),
        "rtf" => head.StartsWith(@"{\rtf"u8),
        "txt" => !head.Contains((byte)0) && IsUtf8(head),
        _ => false,
    };

    // A text file's beginning decodes as UTF-8, allowing for a character cut at the end of the sample.
    private static bool IsUtf8(ReadOnlySpan<byte> head)
    {
        try
        {
            new UTF8Encoding(false, true).GetDecoder().GetCharCount(head, flush: false);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
