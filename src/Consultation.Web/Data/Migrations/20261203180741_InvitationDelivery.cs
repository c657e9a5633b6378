using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Consultation.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class InvitationDelivery : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "invitation_id",
                table: "outbound_emails",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "delivery_error",
                table: "invitations",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "sent_at",
                table: "invitations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbound_emails_invitation_id",
                table: "outbound_emails",
                column: "invitation_id");

            migrationBuilder.AddForeignKey(
                name: "fk_outbound_emails_invitations_invitation_id",
                table: "outbound_emails",
                column: "invitation_id",
                principalTable: "invitations",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_outbound_emails_invitations_invitation_id",
                table: "outbound_emails");

            migrationBuilder.DropIndex(
                name: "ix_outbound_emails_invitation_id",
                table: "outbound_emails");

            migrationBuilder.DropColumn(
                name: "invitation_id",
                table: "outbound_emails");

            migrationBuilder.DropColumn(
                name: "delivery_error",
                table: "invitations");

            migrationBuilder.DropColumn(
                name: "sent_at",
                table: "invitations");
        }
    }
}
