using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tongxing.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Pairing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "MaxHouseholdsPerHelper",
                table: "Programmes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddColumn<int>(
                name: "SupportLogIntervalDays",
                table: "Programmes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 30);

            migrationBuilder.AddColumn<int>(
                name: "VisitIntervalDays",
                table: "Programmes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 90);

            migrationBuilder.AddColumn<int>(
                name: "VisitWindowDays",
                table: "Programmes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 15);

            migrationBuilder.AddColumn<int>(
                name: "HelperCount",
                table: "Households",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateOnly>(
                name: "LastReturnVisitOn",
                table: "Households",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "PairedOn",
                table: "Households",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "VisitsFrom",
                table: "Households",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "FollowUpPhotos",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Seq = table.Column<int>(type: "INTEGER", nullable: false),
                    StoredName = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FollowUpPhotos", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Helpers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    CityCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    DistrictCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    TownCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    VillageCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Gender = table.Column<int>(type: "INTEGER", nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    PartyBranch = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    WorkUnit = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Post = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Skills = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ActiveHouseholds = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Helpers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "HouseholdOutcomes",
                columns: table => new
                {
                    HouseholdId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Skill1 = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    Skill2 = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    Progress = table.Column<int>(type: "INTEGER", nullable: false),
                    FailureReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    IncomeAtStartFen = table.Column<long>(type: "INTEGER", nullable: true),
                    IncomeLatestFen = table.Column<long>(type: "INTEGER", nullable: true),
                    IncomeLatestOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HouseholdOutcomes", x => x.HouseholdId);
                    table.ForeignKey(
                        name: "FK_HouseholdOutcomes_Households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "Households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Visits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProgrammeId = table.Column<int>(type: "INTEGER", nullable: false),
                    HouseholdId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    CityCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    DistrictCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    TownCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    VillageCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    On = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Visitors = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    VisitorRole = table.Column<int>(type: "INTEGER", nullable: false),
                    Findings = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Rating = table.Column<int>(type: "INTEGER", nullable: true),
                    RatingComment = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Suggestions = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Latitude = table.Column<double>(type: "REAL", nullable: true),
                    Longitude = table.Column<double>(type: "REAL", nullable: true),
                    AccuracyMetres = table.Column<double>(type: "REAL", nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    WrittenAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    RecordedByName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Visits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Visits_Households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "Households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Pairings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProgrammeId = table.Column<int>(type: "INTEGER", nullable: false),
                    HouseholdId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HelperId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    CityCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    DistrictCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    TownCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    VillageCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    StartedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    StartedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    StartedByName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    EndedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EndedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    EndReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ReplacedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    AgreementStoredName = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    AgreementContentType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    AgreementSignedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AgreementUploadedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AgreementUploadedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Pairings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Pairings_Helpers_HelperId",
                        column: x => x.HelperId,
                        principalTable: "Helpers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Pairings_Households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "Households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Pairings_Programmes_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "Programmes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SupportLogs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProgrammeId = table.Column<int>(type: "INTEGER", nullable: false),
                    HouseholdId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HelperId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    CityCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    DistrictCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    TownCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    VillageCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    On = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Content = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    MoneyFen = table.Column<long>(type: "INTEGER", nullable: true),
                    Goods = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Latitude = table.Column<double>(type: "REAL", nullable: true),
                    Longitude = table.Column<double>(type: "REAL", nullable: true),
                    AccuracyMetres = table.Column<double>(type: "REAL", nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    WrittenAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    RecordedByName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupportLogs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SupportLogs_Helpers_HelperId",
                        column: x => x.HelperId,
                        principalTable: "Helpers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SupportLogs_Households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "Households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Households_CityCode_VisitsFrom_ProgrammeId_DistrictCode",
                table: "Households",
                columns: new[] { "CityCode", "VisitsFrom", "ProgrammeId", "DistrictCode" });

            migrationBuilder.CreateIndex(
                name: "IX_Households_DistrictCode_VisitsFrom_ProgrammeId_TownCode",
                table: "Households",
                columns: new[] { "DistrictCode", "VisitsFrom", "ProgrammeId", "TownCode" });

            migrationBuilder.CreateIndex(
                name: "IX_Households_RegionCode_VisitsFrom_ProgrammeId_CityCode",
                table: "Households",
                columns: new[] { "RegionCode", "VisitsFrom", "ProgrammeId", "CityCode" });

            migrationBuilder.CreateIndex(
                name: "IX_Households_TownCode_VisitsFrom_ProgrammeId_VillageCode",
                table: "Households",
                columns: new[] { "TownCode", "VisitsFrom", "ProgrammeId", "VillageCode" });

            migrationBuilder.CreateIndex(
                name: "IX_Households_VillageCode_VisitsFrom_ProgrammeId",
                table: "Households",
                columns: new[] { "VillageCode", "VisitsFrom", "ProgrammeId" });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpPhotos_OwnerId_Seq",
                table: "FollowUpPhotos",
                columns: new[] { "OwnerId", "Seq" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Helpers_DistrictCode_Name",
                table: "Helpers",
                columns: new[] { "DistrictCode", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_Helpers_DistrictCode_Phone",
                table: "Helpers",
                columns: new[] { "DistrictCode", "Phone" });

            migrationBuilder.CreateIndex(
                name: "IX_Helpers_TownCode_Name",
                table: "Helpers",
                columns: new[] { "TownCode", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_Helpers_UserId",
                table: "Helpers",
                column: "UserId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Helpers_VillageCode_Name",
                table: "Helpers",
                columns: new[] { "VillageCode", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_Pairings_HelperId_EndedOn",
                table: "Pairings",
                columns: new[] { "HelperId", "EndedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Pairings_HouseholdId_EndedOn",
                table: "Pairings",
                columns: new[] { "HouseholdId", "EndedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Pairings_ProgrammeId_DistrictCode_EndedOn",
                table: "Pairings",
                columns: new[] { "ProgrammeId", "DistrictCode", "EndedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Pairings_ProgrammeId_TownCode_EndedOn",
                table: "Pairings",
                columns: new[] { "ProgrammeId", "TownCode", "EndedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_SupportLogs_DistrictCode_On",
                table: "SupportLogs",
                columns: new[] { "DistrictCode", "On" });

            migrationBuilder.CreateIndex(
                name: "IX_SupportLogs_HelperId_On",
                table: "SupportLogs",
                columns: new[] { "HelperId", "On" });

            migrationBuilder.CreateIndex(
                name: "IX_SupportLogs_HouseholdId_On",
                table: "SupportLogs",
                columns: new[] { "HouseholdId", "On" });

            migrationBuilder.CreateIndex(
                name: "IX_SupportLogs_TownCode_On",
                table: "SupportLogs",
                columns: new[] { "TownCode", "On" });

            migrationBuilder.CreateIndex(
                name: "IX_Visits_DistrictCode_On",
                table: "Visits",
                columns: new[] { "DistrictCode", "On" });

            migrationBuilder.CreateIndex(
                name: "IX_Visits_HouseholdId_On",
                table: "Visits",
                columns: new[] { "HouseholdId", "On" });

            migrationBuilder.CreateIndex(
                name: "IX_Visits_RecordedBy_On",
                table: "Visits",
                columns: new[] { "RecordedBy", "On" });

            migrationBuilder.CreateIndex(
                name: "IX_Visits_TownCode_On",
                table: "Visits",
                columns: new[] { "TownCode", "On" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FollowUpPhotos");

            migrationBuilder.DropTable(
                name: "HouseholdOutcomes");

            migrationBuilder.DropTable(
                name: "Pairings");

            migrationBuilder.DropTable(
                name: "SupportLogs");

            migrationBuilder.DropTable(
                name: "Visits");

            migrationBuilder.DropTable(
                name: "Helpers");

            migrationBuilder.DropIndex(
                name: "IX_Households_CityCode_VisitsFrom_ProgrammeId_DistrictCode",
                table: "Households");

            migrationBuilder.DropIndex(
                name: "IX_Households_DistrictCode_VisitsFrom_ProgrammeId_TownCode",
                table: "Households");

            migrationBuilder.DropIndex(
                name: "IX_Households_RegionCode_VisitsFrom_ProgrammeId_CityCode",
                table: "Households");

            migrationBuilder.DropIndex(
                name: "IX_Households_TownCode_VisitsFrom_ProgrammeId_VillageCode",
                table: "Households");

            migrationBuilder.DropIndex(
                name: "IX_Households_VillageCode_VisitsFrom_ProgrammeId",
                table: "Households");

            migrationBuilder.DropColumn(
                name: "MaxHouseholdsPerHelper",
                table: "Programmes");

            migrationBuilder.DropColumn(
                name: "SupportLogIntervalDays",
                table: "Programmes");

            migrationBuilder.DropColumn(
                name: "VisitIntervalDays",
                table: "Programmes");

            migrationBuilder.DropColumn(
                name: "VisitWindowDays",
                table: "Programmes");

            migrationBuilder.DropColumn(
                name: "HelperCount",
                table: "Households");

            migrationBuilder.DropColumn(
                name: "LastReturnVisitOn",
                table: "Households");

            migrationBuilder.DropColumn(
                name: "PairedOn",
                table: "Households");

            migrationBuilder.DropColumn(
                name: "VisitsFrom",
                table: "Households");
        }
    }
}
