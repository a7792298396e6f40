using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TsOrchestrator.Server.Storage.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PhasedDeploymentId",
                table: "Deployments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DeploymentBatches",
                columns: table => new
                {
                    DeploymentId = table.Column<string>(type: "TEXT", nullable: false),
                    DeviceId = table.Column<string>(type: "TEXT", nullable: false),
                    Batch = table.Column<int>(type: "INTEGER", nullable: false),
                    AvailableAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AssignmentAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeploymentBatches", x => new { x.DeploymentId, x.DeviceId });
                });

            migrationBuilder.CreateTable(
                name: "DeploymentPhases",
                columns: table => new
                {
                    PhasedDeploymentId = table.Column<string>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    CollectionId = table.Column<string>(type: "TEXT", nullable: false),
                    SuccessPercent = table.Column<int>(type: "INTEGER", nullable: false),
                    BeginNext = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DeferralDays = table.Column<int>(type: "INTEGER", nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    GradualDays = table.Column<int>(type: "INTEGER", nullable: false),
                    DeadlineDays = table.Column<int>(type: "INTEGER", nullable: false),
                    DeploymentId = table.Column<string>(type: "TEXT", nullable: true),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CriteriaMetAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeploymentPhases", x => new { x.PhasedDeploymentId, x.Number });
                });

            migrationBuilder.CreateTable(
                name: "PhasedDeployments",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SequenceId = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CurrentPhase = table.Column<int>(type: "INTEGER", nullable: false),
                    HaltFailurePercent = table.Column<int>(type: "INTEGER", nullable: true),
                    SuspendReason = table.Column<string>(type: "TEXT", nullable: true),
                    ResumedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Scopes = table.Column<string>(type: "TEXT", nullable: false),
                    ConcurrencyVersion = table.Column<long>(type: "INTEGER", nullable: false)
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
