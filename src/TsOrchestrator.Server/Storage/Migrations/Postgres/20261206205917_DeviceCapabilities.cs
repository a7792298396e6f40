using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TsOrchestrator.Server.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DeviceCapabilities : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Capabilities",
                table: "Devices",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Capabilities",
                table: "Devices");
        }
    }
}
