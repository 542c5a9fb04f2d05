using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.Web.Data;
using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;

namespace Tongxing.IntegrationTests;

/// <summary>The province generator's funds (<c>generate --funds</c>): every movement through the model, and a reconciliation that only lacks payments and receipts.</summary>
public abstract class GeneratedFundsTests(TestApp app)
{
    [Fact]
    public async Task Generated_funds_reconcile_but_for_unpaid_and_unreceipted_households()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
            var size = new ProvinceSize(Cities: 1, Districts: 2, Towns: 4, Villages: 8, Households: 600);
            await new ProvinceGenerator(db, TimeProvider.System, scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>())
                .GenerateAsync(size, 1, _ => { }, CancellationToken.None, withFunds: true);
            var payments = db.Payments.Where(p => p.RegionCode == "460000000000");
            var states = await payments.GroupBy(p => p.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
            Assert.InRange(states[PaymentState.Paid], 380, 520);
            Assert.True(states.GetValueOrDefault(PaymentState.Failed) + states.GetValueOrDefault(PaymentState.Reversed) > 5);
            Assert.InRange(await payments.CountAsync(p => p.ReceiptKind != null), states[PaymentState.Paid] * 8 / 10, states[PaymentState.Paid] * 97 / 100);
            // Every paid household is 已发放, every household with a failed or reversed payment is filed again.
            Assert.Equal(states[PaymentState.Paid], await db.Households.CountAsync(h => h.RegionCode == "460000000000" && h.Status == HouseholdStatus.Paid));
        }
        var client = await app.SignIn("bench.district");
        var view = await client.GetFromJsonAsync<JsonElement>("/api/v1/funds/reconciliation", Api.Json);
        Assert.All(view.GetProperty("sources").EnumerateArray(), s =>
        {
            Assert.Equal(s.GetProperty("needFen").GetInt64(), s.GetProperty("receivedFen").GetInt64());
            Assert.Equal(s.GetProperty("receivedFen").GetInt64(), s.GetProperty("allocatedFen").GetInt64());
        });
        var kinds = view.GetProperty("flags").EnumerateArray().Select(f => f.GetProperty("kind").GetString()).Distinct().ToList();
        Assert.Contains("PaidWithoutReceipt", kinds);
        Assert.Empty(kinds.Except(["FiledUnpaid", "PaidWithoutReceipt"]));
    }
}

public sealed class GeneratedFundsTests_Sqlite(SqliteApp app) : GeneratedFundsTests(app), IClassFixture<SqliteApp>;

public sealed class GeneratedFundsTests_Postgres(PostgresApp app) : GeneratedFundsTests(app), IClassFixture<PostgresApp>;
