namespace Consultation.Web.Data.Configurations;

using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

internal sealed class UploadedFileConfiguration : IEntityTypeConfiguration<UploadedFile>
{
    public void Configure(EntityTypeBuilder<UploadedFile> builder)
    {
        builder.ToTable("uploaded_files");
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.Property(f => f.QuestionCode).HasMaxLength(63);
        builder.Property(f => f.FileName).HasMaxLength(UploadedFile.FileNameLength);
        builder.Property(f => f.ContentType).HasMaxLength(100);
        // The bytes: a column EF Core knows of (for migrations) but never reads or writes itself; see UploadedFileContent.
        // Query files with a projection: loading the entity would fetch them.
        builder.Property<byte[]>(UploadedFileContent.Column).IsRequired();
        builder.HasIndex(f => new { f.ConsultationId, f.QuestionCode });
        builder.HasOne<Consultation>().WithMany().HasForeignKey(f => f.ConsultationId).OnDelete(DeleteBehavior.Cascade);
    }
}
