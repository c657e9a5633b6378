namespace Consultation.Web.Data.Configurations;

using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

internal sealed class ContentTextConfiguration : IEntityTypeConfiguration<ContentText>
{
    public void Configure(EntityTypeBuilder<ContentText> builder)
    {
        builder.ToTable("content_texts");
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.ElementKey).HasMaxLength(200);
        builder.Property(t => t.Language).HasMaxLength(35);
        builder.Property(t => t.SourceHash).HasMaxLength(16);
        builder.HasIndex(t => new { t.ConsultationId, t.ElementKey, t.Field, t.Language }).IsUnique();
    }
}
