using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Consultation.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class LiveVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<List<string>>(
                name: "published_elements",
                table: "consultations",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'");

            // Consultations published before this column existed: every element any of their versions had.
            migrationBuilder.Sql("""
                UPDATE consultations c SET published_elements = coalesce((
                    SELECT array_agg(DISTINCT k ORDER BY k) FROM (
                        SELECT 'section:' || (s ->> 'Code') AS k
                        FROM questionnaire_versions v, jsonb_array_elements(v.snapshot -> 'Sections') s
                        WHERE v.consultation_id = c.id
                        UNION SELECT 'question:' || (q ->> 'Code')
                        FROM questionnaire_versions v, jsonb_array_elements(v.snapshot -> 'Sections') s, jsonb_array_elements(s -> 'Questions') q
                        WHERE v.consultation_id = c.id
                        UNION SELECT 'option:' || (q ->> 'Code') || ':' || (o ->> 'Code')
                        FROM questionnaire_versions v, jsonb_array_elements(v.snapshot -> 'Sections') s, jsonb_array_elements(s -> 'Questions') q,
                             jsonb_array_elements(q -> 'Options') o
                        WHERE v.consultation_id = c.id
                        UNION SELECT 'row:' || (q ->> 'Code') || ':' || r
                        FROM questionnaire_versions v, jsonb_array_elements(v.snapshot -> 'Sections') s, jsonb_array_elements(s -> 'Questions') q,
                             jsonb_array_elements_text(coalesce(q -> 'Rows', '[]'::jsonb)) r
                        WHERE v.consultation_id = c.id) keys), '{}');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "published_elements",
                table: "consultations");
        }
    }
}
