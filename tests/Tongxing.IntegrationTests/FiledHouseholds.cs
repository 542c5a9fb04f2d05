using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.Web.Data;
using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;

namespace Tongxing.IntegrationTests;

/// <summary>
/// Households already filed (已备案), for the tests of what comes after filing (funds, pairing). The first half of the
/// workflow has tests of its own; here households are registered through the domain's checks and then placed at
/// 已备案 the way the province generator places its households, so a funds test does not replay weeks of notices.
/// </summary>
public static class FiledHouseholds
{
    private static int _seed = 7000;

    /// <summary>Adds <paramref name="count"/> filed households to the village (each with a bank account unless asked not to); returns their ids.</summary>
    public static async Task<Guid[]> AddAsync(TestApp app, int count, string village = DemoData.LuomanVillage, bool withAccount = true, (int Min, int Max)? sizes = null)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        var areas = await db.Areas.AsNoTracking().ToDictionaryAsync(a => a.Code);
        var path = AreaPath.Of(village, areas)!;
        var programme = await db.Programmes.FirstAsync(p => p.DistrictCode == path.DistrictCode);
        var used = (await db.Members.Where(m => m.ProgrammeId == programme.Id).Select(m => m.IdNumber).ToListAsync()).ToHashSet();
        var town = new Actor("seed", "测试数据", Role.TownCommittee, new AreaScope(AreaLevel.Town, path.TownCode));
        var at = app.Clock.GetUtcNow();
        var random = new Random(Interlocked.Increment(ref _seed));
        var ids = new List<Guid>();
        foreach (var h in DemoData.Households(programme, [areas[village]], areas, count, at, random, used, sizes))
        {
            h.ForceStatusForLoadTest(HouseholdStatus.Filed);
            if (withAccount)
            {
                var account = BankAccount.Check(h.HeadName, "6230" + random.NextInt64(100_000_000_000_000, 999_999_999_999_999), "柳州银行" + areas[village].Name + "网点").Account!;
                Assert.True(h.SetBankAccount(town, account, at).Succeeded);
            }
            db.Households.Add(h);
            ids.Add(h.Id);
        }
        await db.SaveChangesAsync();
        return [.. ids];
    }

    /// <summary>
    /// Pays the households through the model, the way the bank's result does (a sent batch of the town, each entry paid,
    /// its ledger lines written, the household moved to 已发放); for the tests of what reads payments (receipts,
    /// reconciliation, the archive). The payment use cases have tests of their own. Returns the payments' ids.
    /// </summary>
    public static async Task<Guid[]> PayAsync(TestApp app, IReadOnlyList<Guid> households, DateOnly? paidOn = null)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        var list = await db.Households.Where(h => households.Contains(h.Id)).ToListAsync();
        var programme = await db.Programmes.FirstAsync(p => p.Id == list[0].ProgrammeId);
        var at = app.Clock.GetUtcNow();
        var on = paidOn ?? DateOnly.FromDateTime(at.UtcDateTime);
        var ids = new List<Guid>();
        foreach (var town in list.GroupBy(h => h.TownCode))
        {
            var actor = new Actor("seed", "测试数据", Role.TownCommittee, new AreaScope(AreaLevel.Town, town.Key));
            var number = await db.PaymentBatches.CountAsync(b => b.ProgrammeId == programme.Id && b.TownCode == town.Key) + 1;
            var batch = new PaymentBatch(programme.Id, town.First().Area, number, $"测试批次{number}", actor, at);
            db.PaymentBatches.Add(batch);
            var line = 0;
            var payments = town.Select(h => Payment.InBatch(h, batch, ++line, programme.SubsidyPerHousehold, programme.FundShares, actor, at)).ToList();
            Assert.True(batch.Send(payments.Count, payments.Aggregate(Money.Zero, (s, p) => s + p.Amount), actor.Name, at).Succeeded);
            foreach (var (payment, household) in payments.Zip(town))
            {
                payment.MarkSent();
                Assert.True(payment.RecordPaid(on, "BANK" + payment.Line.ToString("00000", System.Globalization.CultureInfo.InvariantCulture), at).Succeeded);
                db.Payments.Add(payment);
                db.FundEntries.AddRange(FundEntry.ForPayment(payment, FundEntryKind.Payment, on, payment.BankReference, null, actor, at));
                Assert.True(household.MarkPaid(actor, payment, at).Succeeded);
                ids.Add(payment.Id);
            }
            batch.Close(at);
        }
        await db.SaveChangesAsync();
        return [.. ids];
    }
}
