namespace Consultation.Web.Data;

using System.Data;
using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

/// <summary>
/// The bytes of an uploaded file, written from a stream and read into one: EF Core would hold a whole file (up to 20 MB)
/// in a byte array each way, so these two statements go round it, on the context's own connection and transaction.
/// </summary>
public static class UploadedFileContent
{
    /// <summary>The entity's property (a shadow one) for the content column.</summary>
    public const string Column = "Content";

    /// <summary>Stores the file with its content, read from <paramref name="content"/> as it is sent to PostgreSQL.</summary>
    public static async Task InsertAsync(ConsultationDbContext db, UploadedFile file, Stream content, CancellationToken cancellationToken)
    {
        var bytes = new NpgsqlParameter("content", NpgsqlDbType.Bytea) { Value = content };
        // A stream that cannot say its length is read up to the size that was checked.
        if (!content.CanSeek)
            bytes.Size = checked((int)file.Size);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO uploaded_files (id, consultation_id, question_code, file_name, content_type, size, content, uploaded_on)
            VALUES ({file.Id}, {file.ConsultationId}, {file.QuestionCode}, {file.FileName}, {file.ContentType}, {file.Size}, {bytes}, {file.UploadedOn})
            """, cancellationToken);
    }

    /// <summary>Copies a stored file's content to <paramref name="destination"/> in chunks; false when there is no such file.</summary>
    public static async Task<bool> CopyToAsync(ConsultationDbContext db, Guid fileId, Stream destination, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand("SELECT content FROM uploaded_files WHERE id = @id", connection,
                db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction);
            command.Parameters.Add(new NpgsqlParameter("id", fileId));
            // Sequential access: the column is read from the network as it is copied, never buffered whole.
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
                return false;
            await using var stream = await reader.GetStreamAsync(0, cancellationToken);
            await stream.CopyToAsync(destination, cancellationToken);
            return true;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
