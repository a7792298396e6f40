using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TsOrchestrator.Server.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class NetworkBootUnknownComputers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "MacAddresses",
                table: "Devices",
                type: "TEXT",
                maxLength: 1024,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SmbiosUuid",
                table: "Devices",
                type: "TEXT",
                maxLength: 36,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "UnknownComputer",
                table: "Devices",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "AvailableTo",
                table: "Deployments",
                type: "TEXT",
                maxLength: 24,
                nullable: false,
                // Deployments made before the setting reached agents in full operating systems and boot media alike.
                defaultValue: "ClientsMediaAndPxe");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "MacAddresses",
                table: "Devices");

            migrationBuilder.DropColumn(
                name: "SmbiosUuid",
                table: "Devices");

            migrationBuilder.DropColumn(
                name: "UnknownComputer",
                table: "Devices");

            migrationBuilder.DropColumn(
                name: "AvailableTo",
                table: "Deployments");
        }
    }
}
