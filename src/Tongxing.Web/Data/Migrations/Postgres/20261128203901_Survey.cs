using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tongxing.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Survey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "BlockEarlierSupported",
                table: "Programmes",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "ProgrammeId",
                table: "Members",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "HelperToBe",
                table: "Households",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsReserve",
                table: "Households",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "ProjectFeasible",
                table: "Households",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Remarks",
                table: "Households",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReturnReason",
                table: "Households",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Screening",
                table: "Households",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ScreeningSummary",
                table: "Households",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SubmissionId",
                table: "Households",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "WillToWork",
                table: "Households",
                type: "boolean",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ImportUploads",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    UploadedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportUploads", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SurveySubmissions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProgrammeId = table.Column<int>(type: "integer", nullable: false),
                    TownCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SubmittedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    UserName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Regular = table.Column<int>(type: "integer", nullable: false),
                    Reserves = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SurveySubmissions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SurveySubmissions_Programmes_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "Programmes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            // Members registered before this migration take their household's programme.
            migrationBuilder.Sql("UPDATE \"Members\" SET \"ProgrammeId\" = (SELECT h.\"ProgrammeId\" FROM \"Households\" h WHERE h.\"Id\" = \"Members\".\"HouseholdId\");");

            migrationBuilder.CreateIndex(
                name: "IX_Members_ProgrammeId_IdNumber",
                table: "Members",
                columns: new[] { "ProgrammeId", "IdNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Households_ProgrammeId_TownCode_Screening",
                table: "Households",
                columns: new[] { "ProgrammeId", "TownCode", "Screening" });

            migrationBuilder.CreateIndex(
                name: "IX_Households_SubmissionId",
                table: "Households",
                column: "SubmissionId");

            migrationBuilder.CreateIndex(
                name: "IX_ImportUploads_UserId",
                table: "ImportUploads",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_SurveySubmissions_ProgrammeId_TownCode",
                table: "SurveySubmissions",
                columns: new[] { "ProgrammeId", "TownCode" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ImportUploads");

            migrationBuilder.DropTable(
                name: "SurveySubmissions");

            migrationBuilder.DropIndex(
                name: "IX_Members_ProgrammeId_IdNumber",
                table: "Members");

            migrationBuilder.DropIndex(
                name: "IX_Households_ProgrammeId_TownCode_Screening",
                table: "Households");

            migrationBuilder.DropIndex(
                name: "IX_Households_SubmissionId",
                table: "Households");

            migrationBuilder.DropColumn(
                name: "BlockEarlierSupported",
                table: "Programmes");

            migrationBuilder.DropColumn(
                name: "ProgrammeId",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "HelperToBe",
                table: "Households");

            migrationBuilder.DropColumn(
                name: "IsReserve",
                table: "Households");

            migrationBuilder.DropColumn(
                name: "ProjectFeasible",
                table: "Households");

            migrationBuilder.DropColumn(
                name: "Remarks",
                table: "Households");

            migrationBuilder.DropColumn(
                name: "ReturnReason",
                table: "Households");

            migrationBuilder.DropColumn(
                name: "Screening",
                table: "Households");

            migrationBuilder.DropColumn(
                name: "ScreeningSummary",
                table: "Households");

            migrationBuilder.DropColumn(
                name: "SubmissionId",
                table: "Households");

            migrationBuilder.DropColumn(
                name: "WillToWork",
                table: "Households");
        }
    }
}
