namespace Consultation.Web.Data.Configurations;

using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

internal sealed class QuestionConfiguration : IEntityTypeConfiguration<Question>
{
    public void Configure(EntityTypeBuilder<Question> builder)
    {
        builder.ToTable("questions");
        builder.Property(q => q.Id).ValueGeneratedNever();
        builder.Property(q => q.Version).IsRowVersion();
        builder.Property(q => q.Code).HasMaxLength(63);
        builder.HasIndex(q => new { q.SectionId, q.Code }).IsUnique();
        builder.HasMany(q => q.Options).WithOne().HasForeignKey(o => o.QuestionId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(q => q.Options).HasField("_options");
        builder.HasMany(q => q.Rows).WithOne().HasForeignKey(r => r.QuestionId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(q => q.Rows).HasField("_rows");
        builder.Property(q => q.ShowIf).HasMaxLength(2000);
        builder.Property(q => q.AllowedFileTypes).HasDefaultValueSql("'{}'::text[]");
    }
}
