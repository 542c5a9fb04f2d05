using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tongxing.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MemberIdReversed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "IdNumberReversed",
                table: "Members",
                type: "character varying(18)",
                maxLength: 18,
                nullable: false,
                defaultValue: "",
                collation: "C");

            // Members registered before the column: their ID numbers backwards (always 18 characters).
            migrationBuilder.Sql("""UPDATE "Members" SET "IdNumberReversed" = reverse("IdNumber");""");

            migrationBuilder.CreateIndex(
                name: "IX_Members_IdNumberReversed",
                table: "Members",
                column: "IdNumberReversed");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Members_IdNumberReversed",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "IdNumberReversed",
                table: "Members");
        }
    }
}
