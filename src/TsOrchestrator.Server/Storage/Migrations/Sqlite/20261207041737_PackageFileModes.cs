using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TsOrchestrator.Server.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PackageFileModes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Mode",
                table: "PackageFiles",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Mode",
                table: "PackageFiles");
        }
    }
}
