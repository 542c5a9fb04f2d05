using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tongxing.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ImportCheckpoints : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CheckpointJson",
                table: "ImportUploads",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "HeartbeatAt",
                table: "ImportUploads",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "WrittenRows",
                table: "ImportUploads",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CheckpointJson",
                table: "ImportUploads");

            migrationBuilder.DropColumn(
                name: "HeartbeatAt",
                table: "ImportUploads");

            migrationBuilder.DropColumn(
                name: "WrittenRows",
                table: "ImportUploads");
        }
    }
}
