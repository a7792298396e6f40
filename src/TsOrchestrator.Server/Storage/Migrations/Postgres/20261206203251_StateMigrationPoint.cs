using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TsOrchestrator.Server.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StateMigrationPoint : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ComputerAssociations",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    SourceDeviceId = table.Column<string>(type: "text", nullable: false),
                    DestinationDeviceId = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Scopes = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ComputerAssociations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StateStores",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    SourceDeviceId = table.Column<string>(type: "text", nullable: false),
                    RestoringDeviceId = table.Column<string>(type: "text", nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    RequestKey = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    BlobFile = table.Column<string>(type: "text", nullable: true),
                    ProtectedKey = table.Column<string>(type: "text", nullable: true),
                    SizeBytes = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CapturedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReleasedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Scopes = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StateStores", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ComputerAssociations_DestinationDeviceId",
                table: "ComputerAssociations",
                column: "DestinationDeviceId");

            migrationBuilder.CreateIndex(
                name: "IX_ComputerAssociations_SourceDeviceId_DestinationDeviceId",
                table: "ComputerAssociations",
                columns: new[] { "SourceDeviceId", "DestinationDeviceId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StateStores_RestoringDeviceId_Status",
                table: "StateStores",
                columns: new[] { "RestoringDeviceId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_StateStores_SourceDeviceId_RequestKey",
                table: "StateStores",
                columns: new[] { "SourceDeviceId", "RequestKey" });

            migrationBuilder.CreateIndex(
                name: "IX_StateStores_SourceDeviceId_Status",
                table: "StateStores",
                columns: new[] { "SourceDeviceId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_StateStores_Status_ReleasedAt",
                table: "StateStores",
                columns: new[] { "Status", "ReleasedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ComputerAssociations");

            migrationBuilder.DropTable(
                name: "StateStores");
        }
    }
}
