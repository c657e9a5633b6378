namespace Consultation.Web.Data.Configurations;

using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.ToTable("invitations");
        builder.Property(i => i.Id).ValueGeneratedNever();
        // One invitation per person and consultation, except those a merge brought together (ADR 0017).
        builder.HasIndex(i => new { i.ConsultationId, i.StakeholderId }).IsUnique().HasFilter("merged_from IS NULL");
        builder.Property(i => i.Language).HasMaxLength(35);
        builder.Property(i => i.DeliveryError).HasMaxLength(1000);
        builder.HasOne<Consultation>().WithMany().HasForeignKey(i => i.ConsultationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Stakeholder>().WithMany().HasForeignKey(i => i.StakeholderId).OnDelete(DeleteBehavior.Cascade);
        // Owned, so an invitation always comes with its links: a link for a resend is worked out from what is loaded.
        builder.OwnsMany(i => i.Links, links =>
        {
            links.ToTable("invitation_links");
            links.WithOwner().HasForeignKey("InvitationId");
            links.HasKey(l => l.TokenHash);
            links.Property(l => l.KeyId).HasMaxLength(InvitationLinkKey.MaximumIdLength);
            links.HasIndex("InvitationId");
        });
        builder.Navigation(i => i.Links).HasField("_links").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
