namespace Consultation.Web.Data.Configurations;

using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

internal sealed class SummaryExportConfiguration : IEntityTypeConfiguration<SummaryExport>
{
    public void Configure(EntityTypeBuilder<SummaryExport> builder)
    {
        builder.ToTable("summary_exports");
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.RequestedBy).HasMaxLength(320);
        builder.Property(e => e.Language).HasMaxLength(35);
        builder.Property(e => e.FileName).HasMaxLength(200);
        builder.Property(e => e.Error).HasMaxLength(1000);
        builder.HasIndex(e => new { e.ConsultationId, e.RequestedAt });
        builder.HasOne<Consultation>().WithMany().HasForeignKey(e => e.ConsultationId).OnDelete(DeleteBehavior.Cascade);
    }
}
