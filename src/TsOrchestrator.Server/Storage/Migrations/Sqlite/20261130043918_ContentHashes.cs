using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TsOrchestrator.Server.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ContentHashes : Migration
    {
        // A rename, not a drop and add: existing rows keep their (SHA-256) names, which ContentHash still verifies.
        // SQLite does not enforce the length, so only the column and its index change name.
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(name: "IX_PackageFiles_Sha256", table: "PackageFiles");
            migrationBuilder.RenameColumn(name: "Sha256", table: "PackageFiles", newName: "Hash");
            migrationBuilder.CreateIndex(name: "IX_PackageFiles_Hash", table: "PackageFiles", column: "Hash");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(name: "IX_PackageFiles_Hash", table: "PackageFiles");
            migrationBuilder.RenameColumn(name: "Hash", table: "PackageFiles", newName: "Sha256");
            migrationBuilder.CreateIndex(name: "IX_PackageFiles_Sha256", table: "PackageFiles", column: "Sha256");
        }
    }
}
