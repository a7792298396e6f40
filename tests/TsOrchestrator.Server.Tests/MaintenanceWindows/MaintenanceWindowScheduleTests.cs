using TsOrchestrator.Server.MaintenanceWindows;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Tests.MaintenanceWindows;

public sealed class MaintenanceWindowScheduleTests
{
    private static readonly DateTimeOffset Monday2200 = new(2026, 11, 23, 22, 0, 0, TimeSpan.Zero);

    private static MaintenanceWindowEntity Window(int minutes, Recurrence recurrence = Recurrence.None, int interval = 1) => new()
    {
        Id = "MW1", CollectionId = "C", Name = "Nightly", Start = Monday2200, DurationMinutes = minutes, Recurrence = recurrence, Interval = interval,
    };

    [Fact]
    public void One_time_window_is_open_from_its_start_for_its_duration()
    {
        var window = Window(180);

        MaintenanceWindowSchedule.OpenUntil(window, Monday2200.AddMinutes(-1)).ShouldBeNull();
        MaintenanceWindowSchedule.OpenUntil(window, Monday2200).ShouldBe(Monday2200.AddMinutes(180));
        MaintenanceWindowSchedule.OpenUntil(window, Monday2200.AddMinutes(180)).ShouldBeNull();
        MaintenanceWindowSchedule.OpenUntil(window, Monday2200.AddDays(1)).ShouldBeNull();
    }

    [Fact]
    public void Daily_and_weekly_windows_reopen_on_their_schedule()
    {
        var daily = Window(60, Recurrence.Daily);
        var everyOtherWeek = Window(60, Recurrence.Weekly, interval: 2);

        MaintenanceWindowSchedule.OpenUntil(daily, Monday2200.AddDays(3).AddMinutes(30)).ShouldBe(Monday2200.AddDays(3).AddMinutes(60));
        MaintenanceWindowSchedule.OpenUntil(daily, Monday2200.AddDays(3).AddMinutes(90)).ShouldBeNull();
        MaintenanceWindowSchedule.OpenUntil(everyOtherWeek, Monday2200.AddDays(7).AddMinutes(10)).ShouldBeNull();
        MaintenanceWindowSchedule.OpenUntil(everyOtherWeek, Monday2200.AddDays(14).AddMinutes(10)).ShouldBe(Monday2200.AddDays(14).AddMinutes(60));
    }

    [Fact]
    public void Device_without_windows_may_start_at_any_time()
    {
        MaintenanceWindowSchedule.AllowsStart([], 120, Monday2200.AddHours(-5)).ShouldBeTrue();
    }

    [Fact]
    public void Run_starts_only_inside_a_window_with_its_maximum_run_time_left()
    {
        var window = Window(180);

        MaintenanceWindowSchedule.AllowsStart([window], 120, Monday2200.AddHours(-1)).ShouldBeFalse();
        MaintenanceWindowSchedule.AllowsStart([window], 120, Monday2200.AddMinutes(30)).ShouldBeTrue();
        MaintenanceWindowSchedule.AllowsStart([window], 120, Monday2200.AddMinutes(90)).ShouldBeFalse();
    }

    [Fact]
    public void Maximum_run_time_longer_than_every_window_never_starts()
    {
        MaintenanceWindowSchedule.AllowsStart([Window(60, Recurrence.Daily), Window(90, Recurrence.Daily)], 120, Monday2200.AddMinutes(1)).ShouldBeFalse();
    }

    [Fact]
    public void Unlimited_maximum_run_time_starts_in_a_window_and_may_run_past_it()
    {
        MaintenanceWindowSchedule.AllowsStart([Window(30)], 0, Monday2200.AddMinutes(29)).ShouldBeTrue();
    }

    [Fact]
    public void Overlapping_windows_count_as_one_window_for_the_maximum_run_time()
    {
        // Issue 16: 04:00–04:30 and 04:18–04:58 did not start a 35-minute sequence; Configuration Manager treats
        // overlapping windows as one (04:00–04:58).
        var four = new DateTimeOffset(2026, 11, 24, 4, 0, 0, TimeSpan.Zero);
        MaintenanceWindowEntity[] windows =
        [
            new() { Id = "MW1", CollectionId = "C", Name = "Early", Start = four, DurationMinutes = 30 },
            new() { Id = "MW2", CollectionId = "D", Name = "Late", Start = four.AddMinutes(18), DurationMinutes = 40 },
        ];

        MaintenanceWindowSchedule.AllowsStart(windows, 35, four.AddMinutes(10)).ShouldBeTrue();
        MaintenanceWindowSchedule.AllowsStart(windows, 35, four.AddMinutes(23)).ShouldBeTrue();
        MaintenanceWindowSchedule.AllowsStart(windows, 35, four.AddMinutes(24)).ShouldBeFalse();
        MaintenanceWindowSchedule.AllowsStart(windows, 59, four).ShouldBeFalse();
        MaintenanceWindowSchedule.OpenUntil(windows, four.AddMinutes(5)).ShouldBe(four.AddMinutes(58));
    }

    [Fact]
    public void Windows_with_a_gap_between_them_stay_separate()
    {
        var four = new DateTimeOffset(2026, 11, 24, 4, 0, 0, TimeSpan.Zero);
        MaintenanceWindowEntity[] windows =
        [
            new() { Id = "MW1", CollectionId = "C", Name = "Early", Start = four, DurationMinutes = 30 },
            new() { Id = "MW2", CollectionId = "C", Name = "Late", Start = four.AddMinutes(31), DurationMinutes = 40 },
        ];

        MaintenanceWindowSchedule.AllowsStart(windows, 35, four.AddMinutes(10)).ShouldBeFalse();
        MaintenanceWindowSchedule.OpenUntil(windows, four.AddMinutes(10)).ShouldBe(four.AddMinutes(30));
        MaintenanceWindowSchedule.AllowsStart(windows, 35, four.AddMinutes(31)).ShouldBeTrue();
    }

    [Fact]
    public void A_daily_window_overlapping_a_one_time_window_extends_it_on_that_day_only()
    {
        var daily = Window(60, Recurrence.Daily);
        MaintenanceWindowEntity oneTime = new() { Id = "MW2", CollectionId = "C", Name = "Extra", Start = Monday2200.AddDays(2).AddMinutes(45), DurationMinutes = 60 };

        MaintenanceWindowSchedule.AllowsStart([daily, oneTime], 90, Monday2200.AddDays(2).AddMinutes(10)).ShouldBeTrue();
        MaintenanceWindowSchedule.AllowsStart([daily, oneTime], 90, Monday2200.AddDays(3).AddMinutes(10)).ShouldBeFalse();
    }
}
