using Tongxing.Web;
using Tongxing.Web.Data;

var app = TongxingApp.Build(args.Where(a => a != "verify-audit").ToArray());
if (args.Contains("verify-audit"))
{
    // dotnet run --project src/Tongxing.Web -- verify-audit : checks the audit chain and exits 0 (intact) or 1 (broken).
    await using var scope = app.Services.CreateAsyncScope();
    var verdict = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(CancellationToken.None);
    Console.WriteLine(verdict.Intact
        ? $"审计日志完整：共{verdict.Checked}条，哈希链校验通过。"
        : $"审计日志被篡改：第{verdict.BrokenSeq}条起链条断裂——{verdict.Reason}（已校验{verdict.Checked}条）。");
    return verdict.Intact ? 0 : 1;
}
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to the test hosts.</summary>
public partial class Program;
