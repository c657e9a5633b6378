namespace Consultation.Web.Data.Configurations;

using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

internal sealed class ConsultationConfiguration : IEntityTypeConfiguration<Consultation>
{
    public void Configure(EntityTypeBuilder<Consultation> builder)
    {
        builder.ToTable("consultations");
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Slug).HasMaxLength(100);
        builder.HasIndex(c => c.Slug).IsUnique();
        builder.Property(c => c.DefaultLanguage).HasMaxLength(35);
        builder.Property(c => c.TimeZone).HasMaxLength(64).HasDefaultValue("UTC");
        builder.Property(c => c.ContactEmail).HasMaxLength(320);
        builder.Property(c => c.Version).IsRowVersion();
        builder.HasMany(c => c.Sections).WithOne().HasForeignKey(s => s.ConsultationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Texts).WithOne().HasForeignKey(t => t.ConsultationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Versions).WithOne().HasForeignKey(v => v.ConsultationId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(c => c.Sections).HasField("_sections");
        builder.Navigation(c => c.Texts).HasField("_texts");
        builder.Navigation(c => c.Versions).HasField("_versions");
        builder.Ignore(c => c.OrderedSections);
        builder.Ignore(c => c.OrderedQuestions);
    }
}
