namespace Consultation.Web.Data.Configurations;

using System.Text.Json;
using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

internal sealed class QuestionnaireVersionConfiguration : IEntityTypeConfiguration<QuestionnaireVersion>
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public void Configure(EntityTypeBuilder<QuestionnaireVersion> builder)
    {
        builder.ToTable("questionnaire_versions");
        builder.Property(v => v.Id).ValueGeneratedNever();
        // Published versions are numbered once each; test versions all have number 0.
        builder.HasIndex(v => new { v.ConsultationId, v.Number }).IsUnique().HasFilter("NOT is_test");
        // Test versions exist for test responses only: no query sees them unless it asks (numbering, history, summaries).
        builder.HasQueryFilter(QuestionnaireVersions.PublishedOnly, v => !v.IsTest);
        builder.Property(v => v.Snapshot)
            .HasColumnType("jsonb")
            .HasConversion(
                snapshot => JsonSerializer.Serialize(snapshot, Json),
                json => JsonSerializer.Deserialize<QuestionnaireSnapshot>(json, Json)!,
                // A snapshot is never changed after it is written: comparing references is enough.
                new ValueComparer<QuestionnaireSnapshot>((a, b) => ReferenceEquals(a, b), s => s.GetHashCode(), s => s));
    }
}
