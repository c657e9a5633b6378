namespace Consultation.Web.Data.Configurations;

using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

internal sealed class ConsultationMemberConfiguration : IEntityTypeConfiguration<ConsultationMember>
{
    public void Configure(EntityTypeBuilder<ConsultationMember> builder)
    {
        builder.ToTable("consultation_members");
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.HasIndex(m => new { m.ConsultationId, m.UserId }).IsUnique();
        builder.HasIndex(m => m.UserId);
        builder.HasOne<Consultation>().WithMany().HasForeignKey(m => m.ConsultationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
