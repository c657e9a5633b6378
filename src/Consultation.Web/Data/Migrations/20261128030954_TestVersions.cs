using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Consultation.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class TestVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_questionnaire_versions_consultation_id_number",
                table: "questionnaire_versions");

            migrationBuilder.AddColumn<bool>(
                name: "is_test",
                table: "questionnaire_versions",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "ix_questionnaire_versions_consultation_id_number",
                table: "questionnaire_versions",
                columns: new[] { "consultation_id", "number" },
                unique: true,
                filter: "NOT is_test");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_questionnaire_versions_consultation_id_number",
                table: "questionnaire_versions");

            migrationBuilder.DropColumn(
                name: "is_test",
                table: "questionnaire_versions");

            migrationBuilder.CreateIndex(
                name: "ix_questionnaire_versions_consultation_id_number",
                table: "questionnaire_versions",
                columns: new[] { "consultation_id", "number" },
                unique: true);
        }
    }
}
