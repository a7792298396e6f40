using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TsOrchestrator.Server.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StepLogs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RunLogChunks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RunId = table.Column<string>(type: "TEXT", nullable: false),
                    WorkItemId = table.Column<string>(type: "TEXT", nullable: false),
                    Offset = table.Column<long>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RunLogChunks", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RunLogChunks_RunId_WorkItemId_Offset",
                table: "RunLogChunks",
                columns: new[] { "RunId", "WorkItemId", "Offset" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RunLogChunks");
        }
    }
}
