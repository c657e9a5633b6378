namespace Consultation.Web.Data.Configurations;

using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

internal sealed class StakeholderImportConfiguration : IEntityTypeConfiguration<StakeholderImport>
{
    public void Configure(EntityTypeBuilder<StakeholderImport> builder)
    {
        builder.ToTable("stakeholder_imports");
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Version).IsRowVersion();
        builder.Property(i => i.FileName).HasMaxLength(StakeholderImport.FileNameLength);
        builder.Property(i => i.UploadedBy).HasMaxLength(320);
        // The purge looks for unfinished imports by age.
        builder.HasIndex(i => new { i.Status, i.UploadedAt });
    }
}
