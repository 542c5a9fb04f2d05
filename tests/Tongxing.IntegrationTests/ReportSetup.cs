using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.Web.Data;
using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;

namespace Tongxing.IntegrationTests;

/// <summary>Town reports placed through the model at a chosen moment, for the tests of completeness and timeliness and of the access matrix.</summary>
public static class ReportSetup
{
    /// <summary>
    /// A town of the demo district besides 洛满镇 and 流山镇 (<paramref name="number"/> 3, 4, …), added when missing; no login
    /// works there, so its reports are the test's own.
    /// </summary>
    public static async Task<string> ExtraTownAsync(TestApp app, int number)
    {
        var code = $"4502041{number:00}000";
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        if (!await db.Areas.AnyAsync(a => a.Code == code))
        {
            db.Areas.Add(new Area(code, $"测试{number}镇", AreaLevel.Town, DemoData.LiunanDistrict));
            await db.SaveChangesAsync();
            scope.ServiceProvider.GetRequiredService<AreaDirectory>().Changed();
        }
        return code;
    }

    /// <summary>Records a paid payment's receipt (signed by the payee) on the day.</summary>
    public static async Task ReceiptAsync(TestApp app, Guid payment, DateOnly on)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        var p = await db.Payments.SingleAsync(x => x.Id == payment);
        var who = new Actor("town", "镇党委", Role.TownCommittee, new AreaScope(AreaLevel.Town, p.TownCode));
        Assert.True(p.RecordReceipt(ReceiptKind.Proxy, on, null, "韦某", "儿子", "本人不能书写", who, app.Clock.GetUtcNow()).Succeeded);
        await db.SaveChangesAsync();
    }

    /// <summary>Creates (or finds) the town's report of the kind and submits it at <paramref name="at"/>; returns its id.</summary>
    public static async Task<Guid> SubmittedAsync(TestApp app, string town, TownReportKind kind, DateTimeOffset at)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        var programme = await db.Programmes.FirstAsync(p => p.DistrictCode == DemoData.LiunanDistrict);
        var report = await db.TownReports.FirstOrDefaultAsync(r => r.ProgrammeId == programme.Id && r.TownCode == town && r.Kind == kind);
        if (report is null)
        {
            var d = await db.Areas.FirstAsync(a => a.Code == DemoData.LiunanDistrict);
            var c = await db.Areas.FirstAsync(a => a.Code == d.ParentCode);
            report = new TownReport(Guid.NewGuid(), programme.Id, new AreaPath(c.ParentCode!, c.Code, d.Code, town, ""), kind, at);
            db.TownReports.Add(report);
        }
        var who = new Actor("seed", "镇残联测试", Role.TownFederation, new AreaScope(AreaLevel.Town, town));
        Assert.True(report.Write("本季度工作进展顺利。", null, at).Succeeded);
        Assert.True(report.Submit("{}", who, at).Succeeded);
        await db.SaveChangesAsync();
        return report.Id;
    }
}
