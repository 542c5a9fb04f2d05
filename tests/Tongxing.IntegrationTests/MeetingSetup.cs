using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.Web.Data;
using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;

namespace Tongxing.IntegrationTests;

/// <summary>Joint meetings and their actions made through the API, and the accounts they name, for the tests of meetings and actions.</summary>
public static class MeetingSetup
{
    public static async Task<string> UserIdAsync(TestApp app, string userName)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TongxingDb>().Users.Where(u => u.UserName == userName).Select(u => u.Id).FirstAsync();
    }

    /// <summary>Creates an office account (e.g. of another district) and returns its id.</summary>
    public static async Task<string> AddUserAsync(TestApp app, Role role, string areaCode, AreaLevel level)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser
        {
            UserName = "m." + Guid.NewGuid().ToString("N")[..10],
            DisplayName = "测试账号",
            Role = role,
            AreaCode = areaCode,
            AreaLevel = level,
            LockoutEnabled = true,
        };
        Assert.True((await users.CreateAsync(user, DemoData.DemoPassword)).Succeeded);
        return user.Id;
    }

    public static string Day(TestApp app, int days) =>
        DateOnly.FromDateTime(app.Clock.GetUtcNow().AddHours(8).Date).AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static object Body(TestApp app, params (string Text, string Owner, string DueOn)[] actions) => new
    {
        on = Day(app, 0),
        place = "区委组织部三楼会议室",
        departments = "区委组织部、区财政局、区残联",
        attendees = "覃部长、黄会计、韦主任",
        topics = "研究扶持资金拨付进度和结对帮扶中的新问题",
        decisions = "一、各镇10日内完成资金发放；\n二、组织部督促协议签订。",
        actions = actions.Select(a => new { text = a.Text, ownerUserId = a.Owner, dueOn = a.DueOn }).ToArray(),
        version = 0,
    };

    /// <summary>Records a meeting as 区委组织部 with the given actions; returns its id.</summary>
    public static async Task<Guid> MeetAsync(TestApp app, params (string Text, string Owner, string DueOn)[] actions)
    {
        var client = await app.SignIn("quzuzhibu");
        var r = await client.PostAsJsonAsync("/api/v1/meetings", Body(app, actions));
        Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync());
        return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>A meeting of the demo district with one action owned by 流山镇党委 (for the authorization matrix).</summary>
    public static async Task<(Guid Meeting, Guid Action)> LiushanActionAsync(TestApp app)
    {
        var owner = await UserIdAsync(app, "liushan.dangwei");
        var meeting = await MeetAsync(app, ("流山镇核实未结对户", owner, Day(app, 30)));
        await using var scope = app.Services.CreateAsyncScope();
        var action = await scope.ServiceProvider.GetRequiredService<TongxingDb>().ActionItems.Where(a => a.SourceId == meeting).Select(a => a.Id).FirstAsync();
        return (meeting, action);
    }

    /// <summary>A draft publicity entry written by 流山镇党委 (for the authorization matrix).</summary>
    public static async Task<Guid> LiushanPublicityAsync(TestApp app)
    {
        var r = await (await app.SignIn("liushan.dangwei")).PostAsJsonAsync("/api/v1/publicity", new { kind = "GoodPractice", title = "流山镇的做法", text = "做法" });
        Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync());
        return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
