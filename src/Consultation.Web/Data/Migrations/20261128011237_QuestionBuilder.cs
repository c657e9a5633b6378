using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Consultation.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class QuestionBuilder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "updated_at",
                table: "sections",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                table: "sections",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);

            migrationBuilder.AddColumn<List<string>>(
                name: "allowed_file_types",
                table: "questions",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'::text[]");

            migrationBuilder.AddColumn<int>(
                name: "max_file_megabytes",
                table: "questions",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "min_selections",
                table: "questions",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "show_if",
                table: "questions",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "updated_at",
                table: "questions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                table: "questions",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);

            migrationBuilder.AddColumn<bool>(
                name: "is_other",
                table: "question_options",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "first_published_at",
                table: "consultations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "time_zone",
                table: "consultations",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "UTC");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "updated_at",
                table: "consultations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "question_rows",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    question_id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_question_rows", x => x.id);
                    table.ForeignKey(
                        name: "fk_question_rows_questions_question_id",
                        column: x => x.question_id,
                        principalTable: "questions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "uploaded_files",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    consultation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    question_code = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false),
                    uploaded_on = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_uploaded_files", x => x.id);
                    table.ForeignKey(
                        name: "fk_uploaded_files_consultations_consultation_id",
                        column: x => x.consultation_id,
                        principalTable: "consultations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_question_rows_question_id_code",
                table: "question_rows",
                columns: new[] { "question_id", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_uploaded_files_consultation_id_question_code",
                table: "uploaded_files",
                columns: new[] { "consultation_id", "question_code" });

            // Consultations published before this column existed froze their codes then.
            migrationBuilder.Sql("""
                UPDATE consultations c SET first_published_at =
                    (SELECT min(v.published_at) FROM questionnaire_versions v WHERE v.consultation_id = c.id)
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "question_rows");

            migrationBuilder.DropTable(
                name: "uploaded_files");

            migrationBuilder.DropColumn(
                name: "updated_at",
                table: "sections");

            migrationBuilder.DropColumn(
                name: "xmin",
                table: "sections");

            migrationBuilder.DropColumn(
                name: "allowed_file_types",
                table: "questions");

            migrationBuilder.DropColumn(
                name: "max_file_megabytes",
                table: "questions");

            migrationBuilder.DropColumn(
                name: "min_selections",
                table: "questions");

            migrationBuilder.DropColumn(
                name: "show_if",
                table: "questions");

            migrationBuilder.DropColumn(
                name: "updated_at",
                table: "questions");

            migrationBuilder.DropColumn(
                name: "xmin",
                table: "questions");

            migrationBuilder.DropColumn(
                name: "is_other",
                table: "question_options");

            migrationBuilder.DropColumn(
                name: "first_published_at",
                table: "consultations");

            migrationBuilder.DropColumn(
                name: "time_zone",
                table: "consultations");

            migrationBuilder.DropColumn(
                name: "updated_at",
                table: "consultations");
        }
    }
}
