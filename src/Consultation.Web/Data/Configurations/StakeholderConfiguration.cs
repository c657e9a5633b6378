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
        builder.Property(s => s.Version).IsRowVersion();
        builder.Property(s => s.Name).HasMaxLength(Stakeholder.NameLength);
        builder.Property(s => s.Email).HasMaxLength(Stakeholder.EmailLength);
        builder.Property(s => s.NormalisedEmail).HasMaxLength(Stakeholder.EmailLength);
        builder.HasIndex(s => s.NormalisedEmail).IsUnique();
        builder.Property(s => s.Organisation).HasMaxLength(Stakeholder.OrganisationLength);
        builder.Property(s => s.Country).HasMaxLength(2).IsFixedLength();
        builder.Property(s => s.PreferredLanguage).HasMaxLength(Stakeholder.LanguageLength);
        builder.Property(s => s.TimeZone).HasMaxLength(Stakeholder.TimeZoneLength);
        builder.Property(s => s.ConsentSource).HasMaxLength(Stakeholder.ConsentSourceLength);
        builder.Property(s => s.Notes).HasMaxLength(Stakeholder.NotesLength);
        // The registry's list sorts by these and pages through them (ties broken by id); tags are filtered with @>.
        builder.HasIndex(s => new { s.Name, s.Id });
        builder.HasIndex(s => new { s.Organisation, s.Id });
        builder.HasIndex(s => new { s.Country, s.Id });
        builder.HasIndex(s => new { s.CreatedAt, s.Id });
        builder.HasIndex(s => s.Tags).HasMethod("gin");
    }
}
