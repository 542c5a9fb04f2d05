using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tongxing.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Funds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "BankAccountName",
                table: "Households",
                type: "TEXT",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BankAccountNumber",
                table: "Households",
                type: "TEXT",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BankName",
                table: "Households",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "FundEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProgrammeId = table.Column<int>(type: "INTEGER", nullable: false),
                    DistrictCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    TownCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    VillageCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    HouseholdId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Source = table.Column<int>(type: "INTEGER", nullable: false),
                    Fen = table.Column<long>(type: "INTEGER", nullable: false),
                    On = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DocumentNumber = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    PayingOffice = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ReversesId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PaymentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    BatchId = table.Column<Guid>(type: "TEXT", nullable: true),
                    VoucherStoredName = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    VoucherContentType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    VoucherOriginalName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    RecordedByName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FundEntries_Programmes_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "Programmes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PaymentBatches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProgrammeId = table.Column<int>(type: "INTEGER", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    CityCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    DistrictCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    TownCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    ControlCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ControlFen = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CreatedByName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SentByName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PaymentBatches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PaymentBatches_Programmes_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "Programmes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ProjectStarts",
                columns: table => new
                {
                    HouseholdId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProgrammeId = table.Column<int>(type: "INTEGER", nullable: false),
                    DistrictCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    TownCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    VillageCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    StartedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    PhotoStoredName = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    PhotoContentType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    RecordedByName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProjectStarts", x => x.HouseholdId);
                    table.ForeignKey(
                        name: "FK_ProjectStarts_Households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "Households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Payments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProgrammeId = table.Column<int>(type: "INTEGER", nullable: false),
                    HouseholdId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LiveHouseholdId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    CityCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    DistrictCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    TownCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    VillageCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    BatchId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Line = table.Column<int>(type: "INTEGER", nullable: false),
                    Method = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    Fen = table.Column<long>(type: "INTEGER", nullable: false),
                    RegionFen = table.Column<long>(type: "INTEGER", nullable: false),
                    CityFen = table.Column<long>(type: "INTEGER", nullable: false),
                    DistrictFen = table.Column<long>(type: "INTEGER", nullable: false),
                    PayeeName = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    PayeeIdNumber = table.Column<string>(type: "TEXT", maxLength: 18, nullable: true),
                    AccountNumber = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    BankName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    PaidOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    BankReference = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    FailureReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ReversalReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    SettledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReceiptKind = table.Column<int>(type: "INTEGER", nullable: true),
                    ReceiptOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ReceiptStoredName = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ReceiptContentType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ProxyName = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    ProxyRelation = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    ProxyReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ReceiptRecordedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReceiptRecordedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ReceiptRecordedByName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Payments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Payments_Households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "Households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Payments_PaymentBatches_BatchId",
                        column: x => x.BatchId,
                        principalTable: "PaymentBatches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Payments_Programmes_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "Programmes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FundEntries_DistrictCode_RecordedAt",
                table: "FundEntries",
                columns: new[] { "DistrictCode", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_FundEntries_HouseholdId_Kind",
                table: "FundEntries",
                columns: new[] { "HouseholdId", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_FundEntries_PaymentId",
                table: "FundEntries",
                column: "PaymentId");

            migrationBuilder.CreateIndex(
                name: "IX_FundEntries_ProgrammeId_DistrictCode_Kind_Source_Fen",
                table: "FundEntries",
                columns: new[] { "ProgrammeId", "DistrictCode", "Kind", "Source", "Fen" });

            migrationBuilder.CreateIndex(
                name: "IX_FundEntries_ProgrammeId_TownCode_Kind_Source_Fen",
                table: "FundEntries",
                columns: new[] { "ProgrammeId", "TownCode", "Kind", "Source", "Fen" });

            migrationBuilder.CreateIndex(
                name: "IX_FundEntries_ReversesId",
                table: "FundEntries",
                column: "ReversesId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PaymentBatches_DistrictCode_State",
                table: "PaymentBatches",
                columns: new[] { "DistrictCode", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_PaymentBatches_ProgrammeId_TownCode_Number",
                table: "PaymentBatches",
                columns: new[] { "ProgrammeId", "TownCode", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Payments_BatchId_Line",
                table: "Payments",
                columns: new[] { "BatchId", "Line" });

            migrationBuilder.CreateIndex(
                name: "IX_Payments_HouseholdId_State",
                table: "Payments",
                columns: new[] { "HouseholdId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Payments_LiveHouseholdId",
                table: "Payments",
                column: "LiveHouseholdId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Payments_ProgrammeId_DistrictCode_State",
                table: "Payments",
                columns: new[] { "ProgrammeId", "DistrictCode", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Payments_ProgrammeId_TownCode_State",
                table: "Payments",
                columns: new[] { "ProgrammeId", "TownCode", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Payments_ProgrammeId_VillageCode_State",
                table: "Payments",
                columns: new[] { "ProgrammeId", "VillageCode", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_ProjectStarts_ProgrammeId_TownCode",
                table: "ProjectStarts",
                columns: new[] { "ProgrammeId", "TownCode" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FundEntries");

            migrationBuilder.DropTable(
                name: "Payments");

            migrationBuilder.DropTable(
                name: "ProjectStarts");

            migrationBuilder.DropTable(
                name: "PaymentBatches");

            migrationBuilder.DropColumn(
                name: "BankAccountName",
                table: "Households");

            migrationBuilder.DropColumn(
                name: "BankAccountNumber",
                table: "Households");

            migrationBuilder.DropColumn(
                name: "BankName",
                table: "Households");
        }
    }
}
