using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Consultation.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class AuditByConsultation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "consultation_id",
                table: "audit_events",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_consultation_id_at",
                table: "audit_events",
                columns: new[] { "consultation_id", "at" });

            // Events recorded before the column existed name their consultation in the object id ("{id}" or "{id}/{code}").
            migrationBuilder.Sql("""
                UPDATE audit_events SET consultation_id = substring(object_id from 1 for 36)::uuid
                WHERE object_type IN ('consultation', 'section', 'question', 'consultation-member')
                  AND object_id ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_audit_events_consultation_id_at",
                table: "audit_events");

            migrationBuilder.DropColumn(
                name: "consultation_id",
                table: "audit_events");
        }
    }
}
