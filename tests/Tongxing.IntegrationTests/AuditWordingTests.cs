using Microsoft.Extensions.DependencyInjection;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;

namespace Tongxing.IntegrationTests;

/// <summary>The audit log names every field it shows in Chinese, for every record the database holds (an official reads it, not a developer).</summary>
public sealed class AuditWordingTests : IClassFixture<SqliteApp>
{
    private readonly SqliteApp _app;

    public AuditWordingTests(SqliteApp app) => _app = app;

    [Fact]
    public void Every_field_the_log_shows_has_a_Chinese_name()
    {
        using var scope = _app.Services.CreateScope();
        var model = scope.ServiceProvider.GetRequiredService<TongxingDb>().Model;
        var missing = model.GetEntityTypes()
            // What the log records: not itself, the holiday tables or the dashboard's kept counts (written beside the records).
            .Where(t => !t.IsOwned() && t.ClrType.Namespace?.StartsWith("Tongxing", StringComparison.Ordinal) == true
                && t.ClrType != typeof(AuditEntry) && t.ClrType != typeof(HolidayDay) && t.ClrType != typeof(DashboardCount))
            .SelectMany(t => t.GetProperties().Where(p => !p.IsShadowProperty() && AuditReading.Shows(p.Name) && !AuditTrail.IsSecret(p.Name))
                .Select(p => (Entity: t.ClrType.Name, Field: p.Name)))
            .Where(x => !AuditReading.FieldLabel(x.Entity, x.Field).Any(c => c >= '\u4e00' && c <= '\u9fff'))
            .Select(x => $"{x.Entity}.{x.Field}")
            .Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "没有中文名称的字段：" + string.Join(", ", missing));
    }
}
