namespace Consultation.Web.Data.Configurations;

using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

internal sealed class QuestionRowConfiguration : IEntityTypeConfiguration<QuestionRow>
{
    public void Configure(EntityTypeBuilder<QuestionRow> builder)
    {
        builder.ToTable("question_rows");
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Code).HasMaxLength(63);
        builder.HasIndex(r => new { r.QuestionId, r.Code }).IsUnique();
    }
}
