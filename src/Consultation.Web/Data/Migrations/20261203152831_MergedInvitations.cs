using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Consultation.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class MergedInvitations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_invitations_consultation_id_stakeholder_id",
                table: "invitations");

            migrationBuilder.AddColumn<Guid>(
                name: "merged_from",
                table: "invitations",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_invitations_consultation_id_stakeholder_id",
                table: "invitations",
                columns: new[] { "consultation_id", "stakeholder_id" },
                unique: true,
                filter: "merged_from IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_invitations_consultation_id_stakeholder_id",
                table: "invitations");

            migrationBuilder.DropColumn(
                name: "merged_from",
                table: "invitations");

            migrationBuilder.CreateIndex(
                name: "ix_invitations_consultation_id_stakeholder_id",
                table: "invitations",
                columns: new[] { "consultation_id", "stakeholder_id" },
                unique: true);
        }
    }
}
