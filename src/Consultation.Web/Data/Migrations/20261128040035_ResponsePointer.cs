using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Consultation.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ResponsePointer : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "response_pointer",
                table: "responses",
                type: "bytea",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_responses_response_pointer",
                table: "responses",
                column: "response_pointer",
                unique: true,
                filter: "response_pointer IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_responses_response_pointer",
                table: "responses");

            migrationBuilder.DropColumn(
                name: "response_pointer",
                table: "responses");
        }
    }
}
