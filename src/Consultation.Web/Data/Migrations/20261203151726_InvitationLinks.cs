using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Consultation.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class InvitationLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "invitation_links",
                columns: table => new
                {
                    token_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    key_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    invitation_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_invitation_links", x => x.token_hash);
                    table.ForeignKey(
                        name: "fk_invitation_links_invitations_invitation_id",
                        column: x => x.invitation_id,
                        principalTable: "invitations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_invitation_links_invitation_id",
                table: "invitation_links",
                column: "invitation_id");

            // Every link issued so far keeps opening: its hash becomes the invitation's first (random) link.
            migrationBuilder.Sql("""
                INSERT INTO invitation_links (token_hash, key_id, created_at, invitation_id)
                SELECT token_hash, NULL, created_at, id FROM invitations;
                """);

            migrationBuilder.DropIndex(
                name: "ix_invitations_token_hash",
                table: "invitations");

            migrationBuilder.DropColumn(
                name: "token_hash",
                table: "invitations");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "token_hash",
                table: "invitations",
                type: "bytea",
                nullable: true);

            // The old shape holds one link per invitation: its first. Later links, and the key ids of derived ones, are lost.
            migrationBuilder.Sql("""
                UPDATE invitations i SET token_hash = (
                    SELECT l.token_hash FROM invitation_links l WHERE l.invitation_id = i.id ORDER BY l.created_at, l.token_hash LIMIT 1);
                """);

            migrationBuilder.AlterColumn<byte[]>(
                name: "token_hash",
                table: "invitations",
                type: "bytea",
                nullable: false,
                oldClrType: typeof(byte[]),
                oldType: "bytea",
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_invitations_token_hash",
                table: "invitations",
                column: "token_hash",
                unique: true);

            migrationBuilder.DropTable(
                name: "invitation_links");
        }
    }
}
