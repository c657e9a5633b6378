namespace Consultation.Web.Data.Configurations;

using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

internal sealed class OutboundEmailConfiguration : IEntityTypeConfiguration<OutboundEmail>
{
    public void Configure(EntityTypeBuilder<OutboundEmail> builder)
    {
        builder.ToTable("outbound_emails");
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.IdempotencyKey).HasMaxLength(200);
        builder.HasIndex(e => e.IdempotencyKey).IsUnique();
        builder.Property(e => e.Recipient).HasMaxLength(320);
        builder.Property(e => e.Language).HasMaxLength(35);
        builder.Property(e => e.Subject).HasMaxLength(500);
        builder.Property(e => e.LastError).HasMaxLength(1000);
        builder.Property(e => e.ReplyTo).HasMaxLength(320);
        builder.Property(e => e.UnsubscribeUrl).HasMaxLength(2000);
        // The delivery job's claim query: queued messages that are due.
        builder.HasIndex(e => new { e.Status, e.NextAttemptAt });
        // An invitation's emails, newest last, for its page; deleting the invitation deletes them.
        builder.HasIndex(e => e.InvitationId);
        builder.HasOne<Invitation>().WithMany().HasForeignKey(e => e.InvitationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReceivedEmailConfiguration : IEntityTypeConfiguration<ReceivedEmail>
{
    public void Configure(EntityTypeBuilder<ReceivedEmail> builder)
    {
        builder.ToTable("received_emails");
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.MessageId).HasMaxLength(300);
        builder.Property(e => e.From).HasMaxLength(320);
        builder.Property(e => e.To).HasMaxLength(2000);
        builder.Property(e => e.Subject).HasMaxLength(500);
        builder.HasIndex(e => e.ReceivedAt);
    }
}
