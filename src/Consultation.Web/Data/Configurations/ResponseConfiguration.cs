namespace Consultation.Web.Data.Configurations;

using System.Text.Json;
using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

internal sealed class ResponseConfiguration : IEntityTypeConfiguration<Response>
{
    public void Configure(EntityTypeBuilder<Response> builder)
    {
        builder.ToTable("responses");
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Language).HasMaxLength(35);
        builder.Property(r => r.Country).HasMaxLength(2).IsFixedLength();
        builder.Property(r => r.Answers).AsAnswerSetJson();
        builder.Property(r => r.Fields)
            .HasColumnType("jsonb")
            .HasConversion(
                fields => JsonSerializer.Serialize(fields, (JsonSerializerOptions?)null),
                json => JsonSerializer.Deserialize<Dictionary<string, string[]>>(json, (JsonSerializerOptions?)null) ?? new Dictionary<string, string[]>(),
                new ValueComparer<IReadOnlyDictionary<string, string[]>>(
                    (a, b) => JsonSerializer.Serialize(a, (JsonSerializerOptions?)null) == JsonSerializer.Serialize(b, (JsonSerializerOptions?)null),
                    a => JsonSerializer.Serialize(a, (JsonSerializerOptions?)null).GetHashCode(StringComparison.Ordinal),
                    a => a.ToDictionary(f => f.Key, f => f.Value.ToArray())));
        // Two tabs submitting the same draft: the second finds the revision moved on and counts for nothing.
        builder.Property(r => r.Revision).IsConcurrencyToken();
        builder.HasIndex(r => r.IdempotencyKey).IsUnique();
        // One response per invitation: a second submit through the same personal link is refused by the database too.
        builder.HasIndex(r => r.InvitationId).IsUnique().HasFilter("invitation_id IS NOT NULL");
        // One response per personal link, anonymous consultations included (where invitation_id stays empty).
        builder.HasIndex(r => r.ResponsePointer).IsUnique().HasFilter("response_pointer IS NOT NULL");
        builder.HasIndex(r => new { r.ConsultationId, r.Status });
        builder.HasOne<Consultation>().WithMany().HasForeignKey(r => r.ConsultationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<QuestionnaireVersion>().WithMany().HasForeignKey(r => r.QuestionnaireVersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Invitation>().WithMany().HasForeignKey(r => r.InvitationId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal static class AnswerSetColumn
{
    /// <summary>An <see cref="AnswerSet"/> stored as one jsonb document, compared by its JSON.</summary>
    public static PropertyBuilder<AnswerSet> AsAnswerSetJson(this PropertyBuilder<AnswerSet> property) => property
        .HasColumnType("jsonb")
        .HasConversion(
            answers => answers.ToJson(),
            json => AnswerSet.FromJson(json),
            new ValueComparer<AnswerSet>((a, b) => a!.ToJson() == b!.ToJson(), a => a.ToJson().GetHashCode(StringComparison.Ordinal), a => AnswerSet.FromJson(a.ToJson())));
}

internal sealed class ResponseRevisionConfiguration : IEntityTypeConfiguration<ResponseRevision>
{
    public void Configure(EntityTypeBuilder<ResponseRevision> builder)
    {
        builder.ToTable("response_revisions");
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Language).HasMaxLength(35);
        builder.Property(r => r.Answers).AsAnswerSetJson();
        builder.HasIndex(r => new { r.ResponseId, r.Number }).IsUnique();
        builder.HasOne<Response>().WithMany().HasForeignKey(r => r.ResponseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PendingCompletionConfiguration : IEntityTypeConfiguration<PendingCompletion>
{
    public void Configure(EntityTypeBuilder<PendingCompletion> builder)
    {
        builder.ToTable("pending_completions");
        builder.HasKey(p => p.InvitationId);
        builder.Property(p => p.InvitationId).ValueGeneratedNever();
        builder.Property(p => p.Language).HasMaxLength(35);
        builder.HasOne<Invitation>().WithMany().HasForeignKey(p => p.InvitationId).OnDelete(DeleteBehavior.Cascade);
    }
}
