using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tongxing.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SearchKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Members_Name",
                table: "Members");

            migrationBuilder.DropIndex(
                name: "IX_Households_DistrictCode_VillageCode_HeadName",
                table: "Households");

            migrationBuilder.DropIndex(
                name: "IX_Households_TownCode_VillageCode_HeadName",
                table: "Households");

            migrationBuilder.DropIndex(
                name: "IX_Households_VillageCode_HeadName",
                table: "Households");

            migrationBuilder.AddColumn<string>(
                name: "SearchKeys",
                table: "Households",
                type: "TEXT",
                nullable: false,
                defaultValue: "");
            // Households registered before this migration: their members, as HouseholdSearch.Keys writes them.
            migrationBuilder.Sql("""
                UPDATE "Households" SET "SearchKeys" = ';' || COALESCE((SELECT group_concat(REPLACE("Name", ';', ' ') || ';' || "IdNumber" || ';', '') FROM "Members" WHERE "Members"."HouseholdId" = "Households"."Id"), '');
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Households_DistrictCode_VillageCode_HeadName_SearchKeys",
                table: "Households",
                columns: new[] { "DistrictCode", "VillageCode", "HeadName", "SearchKeys" });

            migrationBuilder.CreateIndex(
                name: "IX_Households_TownCode_VillageCode_HeadName_SearchKeys",
                table: "Households",
                columns: new[] { "TownCode", "VillageCode", "HeadName", "SearchKeys" });

            migrationBuilder.CreateIndex(
                name: "IX_Households_VillageCode_HeadName_SearchKeys",
                table: "Households",
                columns: new[] { "VillageCode", "HeadName", "SearchKeys" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Households_DistrictCode_VillageCode_HeadName_SearchKeys",
                table: "Households");

            migrationBuilder.DropIndex(
                name: "IX_Households_TownCode_VillageCode_HeadName_SearchKeys",
                table: "Households");

            migrationBuilder.DropIndex(
                name: "IX_Households_VillageCode_HeadName_SearchKeys",
                table: "Households");

            migrationBuilder.DropColumn(
                name: "SearchKeys",
                table: "Households");

            migrationBuilder.CreateIndex(
                name: "IX_Members_Name",
                table: "Members",
                column: "Name");

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
    }
}
