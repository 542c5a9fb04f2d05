using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tongxing.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DashboardDistrictTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Each district's totals beside its villages' counts (ADR 0032): recounted once, kept by every save from here on.
            migrationBuilder.Sql(Tongxing.Web.Data.DashboardCounts.RecountAllSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DELETE FROM \"DashboardCounts\" WHERE \"TownCode\" = '*'");
        }
    }
}
