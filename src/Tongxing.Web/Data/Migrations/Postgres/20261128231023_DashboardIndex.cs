using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tongxing.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DashboardIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ClaimedBy",
                table: "ImportUploads",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Commit",
                table: "ImportUploads",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "FinishedAt",
                table: "ImportUploads",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Phase",
                table: "ImportUploads",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "ProcessedRows",
                table: "ImportUploads",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ReportJson",
                table: "ImportUploads",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "StartedAt",
                table: "ImportUploads",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Status",
                table: "ImportUploads",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "TotalRows",
                table: "ImportUploads",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_ImportUploads_Status_UploadedAt",
                table: "ImportUploads",
                columns: new[] { "Status", "UploadedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Households_ProgrammeId_Status",
                table: "Households",
                columns: new[] { "ProgrammeId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ImportUploads_Status_UploadedAt",
                table: "ImportUploads");

            migrationBuilder.DropIndex(
                name: "IX_Households_ProgrammeId_Status",
                table: "Households");

            migrationBuilder.DropColumn(
                name: "ClaimedBy",
                table: "ImportUploads");

            migrationBuilder.DropColumn(
                name: "Commit",
                table: "ImportUploads");

            migrationBuilder.DropColumn(
                name: "FinishedAt",
                table: "ImportUploads");

            migrationBuilder.DropColumn(
                name: "Phase",
                table: "ImportUploads");

            migrationBuilder.DropColumn(
                name: "ProcessedRows",
                table: "ImportUploads");

            migrationBuilder.DropColumn(
                name: "ReportJson",
                table: "ImportUploads");

            migrationBuilder.DropColumn(
                name: "StartedAt",
                table: "ImportUploads");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "ImportUploads");

            migrationBuilder.DropColumn(
                name: "TotalRows",
                table: "ImportUploads");
        }
    }
}
