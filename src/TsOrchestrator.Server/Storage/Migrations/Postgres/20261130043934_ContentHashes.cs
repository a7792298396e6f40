using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TsOrchestrator.Server.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ContentHashes : Migration
    {
        // A rename, not a drop and add: existing rows keep their (SHA-256) names, which ContentHash still verifies.
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(name: "Sha256", table: "PackageFiles", newName: "Hash");
            migrationBuilder.RenameIndex(name: "IX_PackageFiles_Sha256", table: "PackageFiles", newName: "IX_PackageFiles_Hash");
            migrationBuilder.AlterColumn<string>(name: "Hash", table: "PackageFiles", type: "character varying(80)", maxLength: 80, nullable: false,
                oldClrType: typeof(string), oldType: "character varying(64)", oldMaxLength: 64);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(name: "Hash", table: "PackageFiles", type: "character varying(64)", maxLength: 64, nullable: false,
                oldClrType: typeof(string), oldType: "character varying(80)", oldMaxLength: 80);
            migrationBuilder.RenameIndex(name: "IX_PackageFiles_Hash", table: "PackageFiles", newName: "IX_PackageFiles_Sha256");
            migrationBuilder.RenameColumn(name: "Hash", table: "PackageFiles", newName: "Sha256");
        }
    }
}
