using System.Text.Json;
using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Consultation.Web.Data.Configurations;

internal sealed class QuestionnaireVersionConfiguration : IEntityTypeConfiguration<QuestionnaireVersion>
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public void Configure(EntityTypeBuilder<QuestionnaireVersion> builder)
    {
        builder.ToTable("questionnaire_versions");
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.HasIndex(v => new { v.ConsultationId, v.Number }).IsUnique();
        builder.Property(v => v.Snapshot)
            .HasColumnType("jsonb")
            .HasConversion(
                snapshot => JsonSerializer.Serialize(snapshot, Json),
                json => JsonSerializer.Deserialize<QuestionnaireSnapshot>(json, Json)!,
                // A snapshot is never changed after it is written: comparing references is enough.
                new ValueComparer<QuestionnaireSnapshot>((a, b) => ReferenceEquals(a, b), s => s.GetHashCode(), s => s));
    }
}
