using Tongxing.Web.Data;

namespace Tongxing.Web.Features.Account;

/// <summary>
/// <c>Tongxing.Web create-admin &lt;用户名&gt; --area &lt;区划代码&gt;</c>: the first administrator of a fresh instance (or another
/// one later), created on the server's console, audited as an act of the system. Prints the one-time password once.
/// </summary>
public static class CreateAdminCommand
{
    /// <returns>0 when the account was created; 1 when it was refused (the reason is printed).</returns>
    public static async Task<int> RunAsync(IServiceProvider services, string userName, string areaCode, TextWriter output, CancellationToken ct)
    {
        // Run before the server ever started: the schema and the reference data (areas, holidays) are put in place first.
        await DatabaseInitializer.PrepareAsync(services, demo: false, ct);
        await using var scope = services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<CreateAdministrator>().Handle(new CreateAdministratorCommand(userName, areaCode), ct);
        if (!outcome.Ok)
        {
            foreach (var e in outcome.Errors)
            {
                await output.WriteLineAsync($"未创建：{e.Message}");
            }
            return 1;
        }
        var a = outcome.Value!;
        await output.WriteLineAsync($"已创建系统管理员 {a.UserName}（{a.AreaName}）。");
        await output.WriteLineAsync($"一次性密码：{a.Password}");
        await output.WriteLineAsync("此密码只显示这一次，首次登录时必须修改。");
        return 0;
    }
}
