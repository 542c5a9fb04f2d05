using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tongxing.Web.Data.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 18,
                nullable: false,
                defaultValue: "");

            // Members registered before the column: their ID numbers backwards (always 18 characters; SQLite has no reverse()).
            migrationBuilder.Sql("""UPDATE "Members" SET "IdNumberReversed" = substr("IdNumber", 18, 1) || substr("IdNumber", 17, 1) || substr("IdNumber", 16, 1) || substr("IdNumber", 15, 1) || substr("IdNumber", 14, 1) || substr("IdNumber", 13, 1) || substr("IdNumber", 12, 1) || substr("IdNumber", 11, 1) || substr("IdNumber", 10, 1) || substr("IdNumber", 9, 1) || substr("IdNumber", 8, 1) || substr("IdNumber", 7, 1) || substr("IdNumber", 6, 1) || substr("IdNumber", 5, 1) || substr("IdNumber", 4, 1) || substr("IdNumber", 3, 1) || substr("IdNumber", 2, 1) || substr("IdNumber", 1, 1);""");

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
