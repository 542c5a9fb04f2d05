using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tongxing.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class VisitCountIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Pairings_ProgrammeId_VillageCode_EndedOn",
                table: "Pairings",
                columns: new[] { "ProgrammeId", "VillageCode", "EndedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Households_ProgrammeId_DistrictCode_TownCode_VisitsFrom",
                table: "Households",
                columns: new[] { "ProgrammeId", "DistrictCode", "TownCode", "VisitsFrom" });

            migrationBuilder.CreateIndex(
                name: "IX_Households_ProgrammeId_TownCode_VillageCode_VisitsFrom",
                table: "Households",
                columns: new[] { "ProgrammeId", "TownCode", "VillageCode", "VisitsFrom" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Pairings_ProgrammeId_VillageCode_EndedOn",
                table: "Pairings");

            migrationBuilder.DropIndex(
                name: "IX_Households_ProgrammeId_DistrictCode_TownCode_VisitsFrom",
                table: "Households");

            migrationBuilder.DropIndex(
                name: "IX_Households_ProgrammeId_TownCode_VillageCode_VisitsFrom",
                table: "Households");
        }
    }
}
