using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.Web.Data;
using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;

namespace Tongxing.IntegrationTests;

/// <summary>
/// The demo started at the year's end (20 November 2020) reads as the year ran: 附件1 sent on time, every household on a
/// notice with its photo, 附件2 approved by the deadline, and the inspection's checklist agrees with the records.
/// </summary>
public abstract class DemoYearEndTests(TestApp app) : IAsyncLifetime
{
    private readonly TestApp _app = app;

    public ValueTask InitializeAsync()
    {
        // Before the app first starts, so that the demo is seeded on this day.
        _app.Clock.SetUtcNow(new DateTimeOffset(2020, 11, 20, 2, 0, 0, TimeSpan.Zero));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_first_half_reads_as_done_on_time_on_every_page_that_checks_it()
    {
        var district = await _app.SignIn("quzuzhibu");
        // 附件2: every town's households approved by the town before the approval deadline, none late, none missing.
        var ledger = await district.GetFromJsonAsync<JsonElement>("/api/v1/ledger", Api.Json);
        var deadlines = ledger.GetProperty("deadlines").EnumerateArray().ToList();
        Assert.Equal(2, deadlines.Count);
        Assert.All(deadlines, d => Assert.Equal((0, 0, false), (d.GetProperty("late").GetInt32(), d.GetProperty("pending").GetInt32(), d.GetProperty("overdue").GetBoolean())));
        Assert.All(deadlines, d => Assert.True(d.GetProperty("onTime").GetInt32() > 0));
        Assert.All(deadlines, d => Assert.Equal("已全部按时报送（截止4月29日）", d.GetProperty("deadline").GetString()));

        // 附件1 sent by each town the day before the survey deadline.
        var survey = await (await _app.SignIn("qucanlian")).GetStringAsync("/Survey");
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(survey, "已于4月8日按时报送"));

        // The inspection's checklist, filled from the records: nobody without a notice, every notice with a photo, approvals complete.
        var created = await district.PostAsJsonAsync("/api/v1/inspections", new { townCode = DemoData.Luoman, on = "2020-11-25", inspectors = "覃部长（区委组织部）" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var checks = (await district.GetFromJsonAsync<JsonElement>($"/api/v1/inspections/{id}", Api.Json)).GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("key").GetString()!);
        Assert.StartsWith("0户未经公示", checks["notices"].GetProperty("recordValue").GetString(), StringComparison.Ordinal);
        Assert.Contains("0次无现场照片", checks["notices"].GetProperty("recordValue").GetString(), StringComparison.Ordinal);
        Assert.True(checks["notices"].GetProperty("recordMet").GetBoolean());
        Assert.True(checks["approvals"].GetProperty("recordMet").GetBoolean());

        // A filed household's history runs from the survey through filing, in order, on the plan's days.
        var village = await _app.SignIn("luoman.cun");
        var list = await village.GetFromJsonAsync<JsonElement>("/api/v1/households?status=Paired", Api.Json);
        var first = list.GetProperty("items")[0].GetProperty("id").GetGuid();
        var history = (await Api.Household(village, first)).GetProperty("history").EnumerateArray().ToList();
        var at = history.Select(e => e.GetProperty("at").GetString()!).ToList();
        Assert.Equal(at.Order(StringComparer.Ordinal), at);
        Assert.StartsWith("2020-04-04", at[0], StringComparison.Ordinal);
        Assert.Contains(history, e => e.GetProperty("comment").GetString() == "张榜公示");
        Assert.Contains(history, e => e.GetProperty("comment").GetString() == "镇党委备案");
        Assert.DoesNotContain(history, e => e.GetProperty("comment").GetString()!.Contains("未经公示", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_second_half_has_its_quarterly_reports_and_outcomes()
    {
        // Each town's reports of the quarters the programme ran in and that fell due (the second and third), sent on time
        // with their figures, the older accepted.
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        var reports = await db.TownReports.AsNoTracking().OrderBy(r => r.TownCode).ThenBy(r => r.Kind).ToListAsync();
        Assert.Equal([(DemoData.Luoman, TownReportKind.Quarter2), (DemoData.Luoman, TownReportKind.Quarter3), (DemoData.Liushan, TownReportKind.Quarter2), (DemoData.Liushan, TownReportKind.Quarter3)],
            reports.Select(r => (r.TownCode, r.Kind)));
        Assert.All(reports, r => Assert.Equal(ReportState.Accepted, r.State));
        Assert.All(reports, r => Assert.Contains(TownReportFigures.FromJson(r.FiguresJson)!.Rows, f => f.Label == "已结对帮扶" && f.Value > 0));
        var completeness = await (await _app.SignIn("qucanlian")).GetStringAsync("/Reports/Completeness");
        Assert.DoesNotContain("逾期", completeness, StringComparison.Ordinal);

        // Every filed household was paid by the funds deadline: those filed without an account had it recorded first.
        Assert.Equal(0, await db.Households.CountAsync(h => h.Status == HouseholdStatus.Filed));
        Assert.Equal(0, await db.Payments.CountAsync(p => p.PaidOn > new DateOnly(2020, 5, 7)));

        // 帮扶成效 for the visited households, recorded at their latest visit, never after the demo's present.
        var outcomes = await db.HouseholdOutcomes.AsNoTracking().ToListAsync();
        var visited = await db.Visits.AsNoTracking().Select(v => v.HouseholdId).Distinct().CountAsync();
        Assert.Equal(visited, outcomes.Count);
        Assert.Contains(outcomes, o => o.Progress == ProjectProgress.Failed && o.FailureReason is not null);
        Assert.All(outcomes, o => Assert.True(o.IncomeLatestOn <= new DateOnly(2020, 11, 20)));
        var producing = outcomes.Where(o => o.Progress == ProjectProgress.ProducingIncome).Select(o => o.HouseholdId).ToList();
        var household = (await db.Households.AsNoTracking().Where(h => h.TownCode == DemoData.Luoman).Select(h => h.Id).ToListAsync()).First(producing.Contains);
        var outcome = await (await _app.SignIn("luoman.canlian")).GetFromJsonAsync<JsonElement>($"/api/v1/households/{household}/outcome", Api.Json);
        Assert.Equal(JsonValueKind.Object, outcome.ValueKind);
    }
}

public sealed class DemoYearEndTests_Sqlite() : DemoYearEndTests(new SqliteApp());

public sealed class DemoYearEndTests_Postgres() : DemoYearEndTests(new PostgresApp());
