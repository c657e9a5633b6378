using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Consultation.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ResponseDrafts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "changed_at",
                table: "responses",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "current_section",
                table: "responses",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<string>(
                name: "fields",
                table: "responses",
                type: "jsonb",
                nullable: false,
                defaultValue: "{}");

            migrationBuilder.AddColumn<int>(
                name: "revision",
                table: "responses",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "updated_at",
                table: "responses",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            // Responses submitted before drafts existed: submitted once, last changed when submitted.
            migrationBuilder.Sql("UPDATE responses SET revision = 1, updated_at = coalesce(submitted_at, created_at) WHERE status = 'Submitted';");
            migrationBuilder.Sql("UPDATE responses SET updated_at = created_at WHERE status <> 'Submitted';");

            migrationBuilder.CreateTable(
                name: "response_revisions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    response_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    answers = table.Column<string>(type: "jsonb", nullable: false),
                    language = table.Column<string>(type: "character varying(35)", maxLength: 35, nullable: false),
                    publication_preference = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_response_revisions", x => x.id);
                    table.ForeignKey(
                        name: "fk_response_revisions_responses_response_id",
                        column: x => x.response_id,
                        principalTable: "responses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_response_revisions_response_id_number",
                table: "response_revisions",
                columns: new[] { "response_id", "number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "response_revisions");

            migrationBuilder.DropColumn(
                name: "changed_at",
                table: "responses");

            migrationBuilder.DropColumn(
                name: "current_section",
                table: "responses");

            migrationBuilder.DropColumn(
                name: "fields",
                table: "responses");

            migrationBuilder.DropColumn(
                name: "revision",
                table: "responses");

            migrationBuilder.DropColumn(
                name: "updated_at",
                table: "responses");
        }
    }
}
