using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace TsOrchestrator.Server.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RunStepInspection : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "InspectionBytes",
                table: "Runs",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "InspectionCappedAt",
                table: "Runs",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "InspectionRemovedAt",
                table: "Runs",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "RunStepInspections",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RunId = table.Column<string>(type: "text", nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    BeforeStep = table.Column<bool>(type: "boolean", nullable: false),
                    Changes = table.Column<string>(type: "text", nullable: false),
                    ConditionEvaluation = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RunStepInspections", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RunStepInspections_RunId_Sequence",
                table: "RunStepInspections",
                columns: new[] { "RunId", "Sequence" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RunStepInspections");

            migrationBuilder.DropColumn(
                name: "InspectionBytes",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "InspectionCappedAt",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "InspectionRemovedAt",
                table: "Runs");
        }
    }
}
