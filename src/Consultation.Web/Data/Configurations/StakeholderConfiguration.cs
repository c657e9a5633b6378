namespace Consultation.Web.Data.Configurations;

using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

internal sealed class StakeholderConfiguration : IEntityTypeConfiguration<Stakeholder>
{
    public void Configure(EntityTypeBuilder<Stakeholder> builder)
    {
        builder.ToTable("stakeholders");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.Email).HasMaxLength(320);
        builder.HasIndex(s => s.Email).IsUnique();
        builder.Property(s => s.Organisation).HasMaxLength(300);
        builder.Property(s => s.Country).HasMaxLength(2).IsFixedLength();
        builder.Property(s => s.PreferredLanguage).HasMaxLength(35);
    }
}
