namespace Consultation.Web.Data;

using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

/// <summary>
/// New people written with PostgreSQL's binary COPY, on the context's connection and inside its transaction: an import
/// of 10,000 took about 7 s through SaveChanges (one INSERT … RETURNING xmin per row, batched) and is a fraction of that
/// this way. The rows are the entities <see cref="Stakeholder.Create(StakeholderDetails, DateTimeOffset)"/> checked; the
/// unique index on the address still refuses a duplicate (the whole COPY fails, and the transaction with it).
/// </summary>
public static class StakeholderCopy
{
    public static async Task InsertAsync(ConsultationDbContext db, IEnumerable<Stakeholder> stakeholders, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var writer = await connection.BeginBinaryImportAsync("""
                COPY stakeholders (id, name, email, normalised_email, organisation, sector, country, preferred_language, time_zone,
                                   tags, consent_given, consent_date, consent_source, notes, never_email, created_at)
                FROM STDIN (FORMAT BINARY)
                """, cancellationToken);
            foreach (var s in stakeholders)
            {
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(s.Id, NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync(s.Name, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(s.Email, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(s.NormalisedEmail, NpgsqlDbType.Varchar, cancellationToken);
                await WriteNullableAsync(writer, s.Organisation, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(s.Sector.ToString(), NpgsqlDbType.Varchar, cancellationToken);
                await WriteNullableAsync(writer, s.Country, NpgsqlDbType.Char, cancellationToken);
                await writer.WriteAsync(s.PreferredLanguage, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(s.TimeZone, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(s.Tags, NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(s.ConsentGiven, NpgsqlDbType.Boolean, cancellationToken);
                if (s.ConsentDate is { } date)
                    await writer.WriteAsync(date, NpgsqlDbType.Date, cancellationToken);
                else
                    await writer.WriteNullAsync(cancellationToken);
                await WriteNullableAsync(writer, s.ConsentSource, NpgsqlDbType.Varchar, cancellationToken);
                await WriteNullableAsync(writer, s.Notes, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(s.NeverEmail, NpgsqlDbType.Boolean, cancellationToken);
                await writer.WriteAsync(s.CreatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            }
            await writer.CompleteAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter writer, string? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is null ? writer.WriteNullAsync(cancellationToken) : writer.WriteAsync(value, type, cancellationToken);
}
