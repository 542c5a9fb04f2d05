using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;

namespace Tongxing.IntegrationTests;

/// <summary>The funds model's database rules, below any handler: one live payment per household, one reversal per ledger line.</summary>
public abstract class FundsModelTests(TestApp app)
{
    private static readonly Actor Town = new("seed", "测试", Role.TownCommittee, new AreaScope(AreaLevel.Town, Tongxing.Web.Data.Seed.DemoData.Luoman));

    [Fact]
    public async Task The_database_refuses_a_second_live_payment_of_a_household_and_a_second_reversal_of_a_line()
    {
        var id = (await FiledHouseholds.AddAsync(app, 1))[0];
        Guid batchId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
            var h = await db.Households.SingleAsync(x => x.Id == id);
            var programme = await db.Programmes.SingleAsync(p => p.Id == h.ProgrammeId);
            var number = await db.PaymentBatches.CountAsync(b => b.TownCode == h.TownCode) + 1;
            var batch = new PaymentBatch(programme.Id, h.Area, number, "测试批次", Town, app.Clock.GetUtcNow());
            batchId = batch.Id;
            db.Add(batch);
            var payment = Payment.InBatch(h, batch, 1, programme.SubsidyPerHousehold, programme.FundShares, Town, app.Clock.GetUtcNow());
            Assert.Equal(programme.SubsidyPerHousehold, payment.Parts.Aggregate(Money.Zero, (s, p) => s + p.Amount));
            Assert.Equal(h.BankAccountNumber, payment.AccountNumber);
            db.Add(payment);
            await db.SaveChangesAsync();
        }
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
            var h = await db.Households.SingleAsync(x => x.Id == id);
            var programme = await db.Programmes.SingleAsync(p => p.Id == h.ProgrammeId);
            db.Add(Payment.InCash(h, programme.SubsidyPerHousehold, programme.FundShares, new DateOnly(2020, 5, 1), ("x.jpg", "image/jpeg"), Town, app.Clock.GetUtcNow()));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
            var payment = await db.Payments.SingleAsync(p => p.BatchId == batchId);
            payment.MarkSent();
            Assert.True(payment.RecordPaid(new DateOnly(2020, 5, 2), "B001", app.Clock.GetUtcNow()).Succeeded);
            var lines = FundEntry.ForPayment(payment, FundEntryKind.Payment, new DateOnly(2020, 5, 2), "B001", null, Town, app.Clock.GetUtcNow()).ToList();
            db.FundEntries.AddRange(lines);
            await db.SaveChangesAsync();
            db.Add(lines[0].Reversal("错付", new DateOnly(2020, 5, 3), Town, app.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
            var line = await db.FundEntries.FirstAsync(e => e.HouseholdId == id && e.ReversesId == null && e.Source == FundSource.Region);
            db.Add(line.Reversal("再次冲销", new DateOnly(2020, 5, 3), Town, app.Clock.GetUtcNow()));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            Assert.Equal(0, await db.FundEntries.Where(e => e.HouseholdId == id && e.Source == FundSource.Region).SumAsync(e => e.Fen));
        }
    }

    [Fact]
    public async Task Paid_households_move_to_paid_and_their_ledger_lines_add_up_to_the_subsidy_per_source()
    {
        var ids = await FiledHouseholds.AddAsync(app, 3);
        var payments = await FiledHouseholds.PayAsync(app, ids);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        Assert.All(await db.Households.Where(h => ids.Contains(h.Id)).ToListAsync(), h => Assert.Equal(HouseholdStatus.Paid, h.Status));
        var perSource = await db.FundEntries.Where(e => payments.Contains(e.PaymentId!.Value) && e.Kind == FundEntryKind.Payment)
            .GroupBy(e => e.Source).Select(g => new { g.Key, Fen = g.Sum(e => e.Fen) }).ToDictionaryAsync(x => x.Key, x => x.Fen);
        Assert.Equal(3 * 70_000L, perSource[FundSource.Region]);
        Assert.Equal(3 * 10_000L, perSource[FundSource.City]);
        Assert.Equal(3 * 20_000L, perSource[FundSource.District]);
    }
}

public sealed class FundsModelTests_Sqlite(SqliteApp app) : FundsModelTests(app), IClassFixture<SqliteApp>;

public sealed class FundsModelTests_Postgres(PostgresApp app) : FundsModelTests(app), IClassFixture<PostgresApp>;
