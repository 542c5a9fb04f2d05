using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tongxing.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DashboardTownTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Each town's totals beside its villages' counts (ADR 0032): summed once from the kept village counts, kept by
            // every save from here on.
            migrationBuilder.Sql(Tongxing.Web.Data.DashboardCounts.TownTotalsSql);

            // The totals' rows by their village code ("*"): a district reads its towns' totals by a seek, not a scan of
            // every village's counts. Its keys change only when a count row is added.
            migrationBuilder.CreateIndex(
                name: "IX_DashboardCounts_ProgrammeId_VillageCode",
                table: "DashboardCounts",
                columns: new[] { "ProgrammeId", "VillageCode" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DashboardCounts_ProgrammeId_VillageCode",
                table: "DashboardCounts");

            migrationBuilder.Sql("DELETE FROM \"DashboardCounts\" WHERE \"TownCode\" <> '*' AND \"VillageCode\" = '*'");
        }
    }
}
