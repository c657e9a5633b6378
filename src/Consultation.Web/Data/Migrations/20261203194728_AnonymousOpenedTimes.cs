using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Consultation.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class AnonymousOpenedTimes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Opening an anonymous consultation's link recorded its time until now; ADR 0014 keeps only the fact.
            migrationBuilder.Sql("UPDATE invitations SET opened_at = NULL WHERE opened_at IS NOT NULL AND consultation_id IN (SELECT id FROM consultations WHERE is_anonymous)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The times are gone: nothing to restore.
        }
    }
}
