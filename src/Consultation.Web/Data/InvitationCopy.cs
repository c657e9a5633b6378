namespace Consultation.Web.Data;

using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

/// <summary>
/// New invitations and their links written with PostgreSQL's binary COPY, on the context's connection and inside its
/// transaction, as <see cref="StakeholderCopy"/> writes people: inviting 10,000 is two COPY streams, not 20,000 INSERTs.
/// The rows are the entities <see cref="Infrastructure.InvitationLinks.Invite"/> checked; the unique index on
/// (consultation, person) still refuses a second invitation (the whole COPY fails, and the transaction with it).
/// </summary>
public static class InvitationCopy
{
    public static async Task InsertAsync(ConsultationDbContext db, IReadOnlyCollection<Invitation> invitations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(invitations);
        if (invitations.Count == 0)
            return;
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using (var writer = await connection.BeginBinaryImportAsync("""
                COPY invitations (id, consultation_id, stakeholder_id, language, status, created_at, opened_at, completed_at,
                                  revoked_at, sent_at, delivery_error, declined_at, has_opted_out, opted_out_at, merged_from)
                FROM STDIN (FORMAT BINARY)
                """, cancellationToken))
            {
                foreach (var i in invitations)
                {
                    await writer.StartRowAsync(cancellationToken);
                    await writer.WriteAsync(i.Id, NpgsqlDbType.Uuid, cancellationToken);
                    await writer.WriteAsync(i.ConsultationId, NpgsqlDbType.Uuid, cancellationToken);
                    await writer.WriteAsync(i.StakeholderId, NpgsqlDbType.Uuid, cancellationToken);
                    await writer.WriteAsync(i.Language, NpgsqlDbType.Varchar, cancellationToken);
                    await writer.WriteAsync(i.Status.ToString(), NpgsqlDbType.Varchar, cancellationToken);
                    await writer.WriteAsync(i.CreatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                    await WriteNullableAsync(writer, i.OpenedAt, cancellationToken);
                    await WriteNullableAsync(writer, i.CompletedAt, cancellationToken);
                    await WriteNullableAsync(writer, i.RevokedAt, cancellationToken);
                    await WriteNullableAsync(writer, i.SentAt, cancellationToken);
                    if (i.DeliveryError is { } error)
                        await writer.WriteAsync(error, NpgsqlDbType.Varchar, cancellationToken);
                    else
                        await writer.WriteNullAsync(cancellationToken);
                    await WriteNullableAsync(writer, i.DeclinedAt, cancellationToken);
                    await writer.WriteAsync(i.HasOptedOut, NpgsqlDbType.Boolean, cancellationToken);
                    await WriteNullableAsync(writer, i.OptedOutAt, cancellationToken);
                    if (i.MergedFrom is { } mergedFrom)
                        await writer.WriteAsync(mergedFrom, NpgsqlDbType.Uuid, cancellationToken);
                    else
                        await writer.WriteNullAsync(cancellationToken);
                }
                await writer.CompleteAsync(cancellationToken);
            }

            // An anonymous consultation's invitations have no link yet: each email is given a fresh one as it is sent.
            if (!invitations.Any(i => i.Links.Count > 0))
                return;
            await using (var writer = await connection.BeginBinaryImportAsync("""
                COPY invitation_links (token_hash, invitation_id, key_id, created_at) FROM STDIN (FORMAT BINARY)
                """, cancellationToken))
            {
                foreach (var i in invitations)
                {
                    foreach (var link in i.Links)
                    {
                        await writer.StartRowAsync(cancellationToken);
                        await writer.WriteAsync(link.TokenHash, NpgsqlDbType.Bytea, cancellationToken);
                        await writer.WriteAsync(i.Id, NpgsqlDbType.Uuid, cancellationToken);
                        if (link.KeyId is { } keyId)
                            await writer.WriteAsync(keyId, NpgsqlDbType.Varchar, cancellationToken);
                        else
                            await writer.WriteNullAsync(cancellationToken);
                        await writer.WriteAsync(link.CreatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                    }
                }
                await writer.CompleteAsync(cancellationToken);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter writer, DateTimeOffset? value, CancellationToken cancellationToken) =>
        value is { } at ? writer.WriteAsync(at, NpgsqlDbType.TimestampTz, cancellationToken) : writer.WriteNullAsync(cancellationToken);
}
