using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tongxing.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Households_DistrictCode_VillageCode_HeadName",
                table: "Households",
                columns: new[] { "DistrictCode", "VillageCode", "HeadName" });

            migrationBuilder.CreateIndex(
                name: "IX_Households_TownCode_VillageCode_HeadName",
                table: "Households",
                columns: new[] { "TownCode", "VillageCode", "HeadName" });

            migrationBuilder.CreateIndex(
                name: "IX_Households_VillageCode_HeadName",
                table: "Households",
                columns: new[] { "VillageCode", "HeadName" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Households_DistrictCode_VillageCode_HeadName",
                table: "Households");

            migrationBuilder.DropIndex(
                name: "IX_Households_TownCode_VillageCode_HeadName",
                table: "Households");

            migrationBuilder.DropIndex(
                name: "IX_Households_VillageCode_HeadName",
                table: "Households");
        }
    }
}
