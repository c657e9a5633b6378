using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Consultation.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class StakeholderRegistry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_stakeholders_email",
                table: "stakeholders");

            migrationBuilder.AddColumn<DateOnly>(
                name: "consent_date",
                table: "stakeholders",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "consent_given",
                table: "stakeholders",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "consent_source",
                table: "stakeholders",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "never_email",
                table: "stakeholders",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "normalised_email",
                table: "stakeholders",
                type: "character varying(320)",
                maxLength: 320,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "notes",
                table: "stakeholders",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<List<string>>(
                name: "tags",
                table: "stakeholders",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<string>(
                name: "time_zone",
                table: "stakeholders",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "UTC");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "updated_at",
                table: "stakeholders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                table: "stakeholders",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);

            // Existing people are compared by their address as the application now normalises it.
            migrationBuilder.Sql("UPDATE stakeholders SET normalised_email = lower(trim(email));");

            migrationBuilder.CreateIndex(
                name: "ix_stakeholders_country_id",
                table: "stakeholders",
                columns: new[] { "country", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_stakeholders_created_at_id",
                table: "stakeholders",
                columns: new[] { "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_stakeholders_name_id",
                table: "stakeholders",
                columns: new[] { "name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_stakeholders_normalised_email",
                table: "stakeholders",
                column: "normalised_email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_stakeholders_organisation_id",
                table: "stakeholders",
                columns: new[] { "organisation", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_stakeholders_tags",
                table: "stakeholders",
                column: "tags")
                .Annotation("Npgsql:IndexMethod", "gin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_stakeholders_country_id",
                table: "stakeholders");

            migrationBuilder.DropIndex(
                name: "ix_stakeholders_created_at_id",
                table: "stakeholders");

            migrationBuilder.DropIndex(
                name: "ix_stakeholders_name_id",
                table: "stakeholders");

            migrationBuilder.DropIndex(
                name: "ix_stakeholders_normalised_email",
                table: "stakeholders");

            migrationBuilder.DropIndex(
                name: "ix_stakeholders_organisation_id",
                table: "stakeholders");

            migrationBuilder.DropIndex(
                name: "ix_stakeholders_tags",
                table: "stakeholders");

            migrationBuilder.DropColumn(
                name: "consent_date",
                table: "stakeholders");

            migrationBuilder.DropColumn(
                name: "consent_given",
                table: "stakeholders");

            migrationBuilder.DropColumn(
                name: "consent_source",
                table: "stakeholders");

            migrationBuilder.DropColumn(
                name: "never_email",
                table: "stakeholders");

            migrationBuilder.DropColumn(
                name: "normalised_email",
                table: "stakeholders");

            migrationBuilder.DropColumn(
                name: "notes",
                table: "stakeholders");

            migrationBuilder.DropColumn(
                name: "tags",
                table: "stakeholders");

            migrationBuilder.DropColumn(
                name: "time_zone",
                table: "stakeholders");

            migrationBuilder.DropColumn(
                name: "updated_at",
                table: "stakeholders");

            migrationBuilder.DropColumn(
                name: "xmin",
                table: "stakeholders");

            migrationBuilder.CreateIndex(
                name: "ix_stakeholders_email",
                table: "stakeholders",
                column: "email",
                unique: true);
        }
    }
}
