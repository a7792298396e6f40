using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TsOrchestrator.Server.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PhasedDeployments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Phase",
                table: "Deployments",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PhasedDeploymentId",
                table: "Deployments",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DeploymentBatches",
                columns: table => new
                {
                    DeploymentId = table.Column<string>(type: "text", nullable: false),
                    DeviceId = table.Column<string>(type: "text", nullable: false),
                    Batch = table.Column<int>(type: "integer", nullable: false),
                    AvailableAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AssignmentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeploymentBatches", x => new { x.DeploymentId, x.DeviceId });
                });

            migrationBuilder.CreateTable(
                name: "DeploymentPhases",
                columns: table => new
                {
                    PhasedDeploymentId = table.Column<string>(type: "text", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    CollectionId = table.Column<string>(type: "text", nullable: false),
                    SuccessPercent = table.Column<int>(type: "integer", nullable: false),
                    BeginNext = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DeferralDays = table.Column<int>(type: "integer", nullable: false),
                    Purpose = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    GradualDays = table.Column<int>(type: "integer", nullable: false),
                    DeadlineDays = table.Column<int>(type: "integer", nullable: false),
                    DeploymentId = table.Column<string>(type: "text", nullable: true),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CriteriaMetAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeploymentPhases", x => new { x.PhasedDeploymentId, x.Number });
                });

            migrationBuilder.CreateTable(
                name: "PhasedDeployments",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SequenceId = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CurrentPhase = table.Column<int>(type: "integer", nullable: false),
                    HaltFailurePercent = table.Column<int>(type: "integer", nullable: true),
                    SuspendReason = table.Column<string>(type: "text", nullable: true),
                    ResumedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Scopes = table.Column<string>(type: "text", nullable: false),
                    ConcurrencyVersion = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PhasedDeployments", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Deployments_PhasedDeploymentId",
                table: "Deployments",
                column: "PhasedDeploymentId");

            migrationBuilder.CreateIndex(
                name: "IX_PhasedDeployments_Status",
                table: "PhasedDeployments",
                column: "Status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DeploymentBatches");

            migrationBuilder.DropTable(
                name: "DeploymentPhases");

            migrationBuilder.DropTable(
                name: "PhasedDeployments");

            migrationBuilder.DropIndex(
                name: "IX_Deployments_PhasedDeploymentId",
                table: "Deployments");

            migrationBuilder.DropColumn(
                name: "Phase",
                table: "Deployments");

            migrationBuilder.DropColumn(
                name: "PhasedDeploymentId",
                table: "Deployments");
        }
    }
}
