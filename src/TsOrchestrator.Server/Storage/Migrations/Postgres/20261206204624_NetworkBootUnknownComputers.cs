using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TsOrchestrator.Server.Storage.Migrations.Postgres
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
                type: "character varying(1024)",
                maxLength: 1024,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SmbiosUuid",
                table: "Devices",
                type: "character varying(36)",
                maxLength: 36,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "UnknownComputer",
                table: "Devices",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "AvailableTo",
                table: "Deployments",
                type: "character varying(24)",
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
