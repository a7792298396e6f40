using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TsOrchestrator.Server.Storage.Migrations.Sqlite
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
                    Id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SourceDeviceId = table.Column<string>(type: "TEXT", nullable: false),
                    DestinationDeviceId = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Scopes = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ComputerAssociations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StateStores",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SourceDeviceId = table.Column<string>(type: "TEXT", nullable: false),
                    RestoringDeviceId = table.Column<string>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RequestKey = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    BlobFile = table.Column<string>(type: "TEXT", nullable: true),
                    ProtectedKey = table.Column<string>(type: "TEXT", nullable: true),
                    SizeBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CapturedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReleasedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Scopes = table.Column<string>(type: "TEXT", nullable: false)
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
