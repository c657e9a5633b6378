using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Consultation.Web.Data.Configurations;

internal sealed class UploadedFileConfiguration : IEntityTypeConfiguration<UploadedFile>
{
    public void Configure(EntityTypeBuilder<UploadedFile> builder)
    {
        builder.ToTable("uploaded_files");
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.Property(f => f.QuestionCode).HasMaxLength(63);
        builder.Property(f => f.FileName).HasMaxLength(UploadedFile.FileNameLength);
        builder.Property(f => f.ContentType).HasMaxLength(100);
        builder.HasIndex(f => new { f.ConsultationId, f.QuestionCode });
        builder.HasOne<Domain.Consultation>().WithMany().HasForeignKey(f => f.ConsultationId).OnDelete(DeleteBehavior.Cascade);
    }
}
