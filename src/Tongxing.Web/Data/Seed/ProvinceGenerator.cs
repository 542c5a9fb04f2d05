using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Domain;

namespace Tongxing.Web.Data.Seed;

/// <summary>What a generated province holds.</summary>
public sealed record ProvinceSize(int Cities, int Districts, int Towns, int Villages, int Households);

/// <summary>
/// Builds a province-sized synthetic programme for load and scale tests (issue #6): a region with cities, districts,
/// towns and villages under code 46 (no real province uses it), one programme per district, and households with valid
/// synthetic ID and certificate numbers spread over every workflow state. Deterministic for a seed. Written in
/// batches; the audit log is skipped for this synthetic bulk (it records one entry saying so).
/// </summary>
public sealed partial class ProvinceGenerator(TongxingDb db, TimeProvider clock, Microsoft.AspNetCore.Identity.UserManager<AppUser>? users = null)
{
    public static readonly ProvinceSize Province = new(14, 110, 1_200, 15_000, 100_000);

    /// <summary>2–6 people per household, all registered: about 400,000 members for 100,000 households.</summary>
    public static readonly (int Min, int Max) MembersPerHousehold = (2, 6);

    private static readonly HouseholdStatus[] States =
    [
        HouseholdStatus.Proposed, HouseholdStatus.SubmittedByTown, HouseholdStatus.ReviewedByDistrict, HouseholdStatus.OnNotice,
        HouseholdStatus.NoticePassed, HouseholdStatus.Applied, HouseholdStatus.ApprovedByVillage, HouseholdStatus.ApprovedByTown,
        HouseholdStatus.ApprovedByDistrict, HouseholdStatus.Filed, HouseholdStatus.Returned,
    ];

    /// <summary>
    /// Generates the province. With <paramref name="withFunds"/> four households in five are filed (the rest spread over
    /// the states as without) and the funds are generated for them (<see cref="GenerateFundsAsync"/>).
    /// </summary>
    /// <param name="full">The whole programme year instead (<see cref="GenerateYearAsync"/>): funds, pairings, follow-up and reports too.</param>
    public async Task<int> GenerateAsync(ProvinceSize size, int seed, Action<string> progress, CancellationToken ct, bool withFunds = false, bool full = false)
    {
        const string region = "460000000000";
        if (await db.Areas.AnyAsync(a => a.Code == region, ct))
        {
            throw new InvalidOperationException("已生成过模拟省份数据（区划代码46开头），请使用空数据库");
        }
        var areas = new List<Area> { new(region, "模拟自治区", AreaLevel.Region, null) };
        var districts = new List<Area>();
        var villages = new List<Area>();
        for (var c = 0; c < size.Cities; c++)
        {
            var city = new Area($"46{c + 1:00}00000000", $"模拟{c + 1}市", AreaLevel.City, region);
            areas.Add(city);
            for (var d = c; d < size.Districts; d += size.Cities)
            {
                var district = new Area($"{city.Code[..4]}{d / size.Cities + 1:00}000000", $"模拟{d + 1}区", AreaLevel.District, city.Code);
                areas.Add(district);
                districts.Add(district);
            }
        }
        for (var t = 0; t < size.Towns; t++)
        {
            var district = districts[t % districts.Count];
            var town = new Area($"{district.Code[..6]}{t / districts.Count + 1:000}000", $"模拟{t + 1}镇", AreaLevel.Town, district.Code);
            areas.Add(town);
            for (var v = t; v < size.Villages; v += size.Towns)
            {
                var village = new Area($"{town.Code[..9]}{v / size.Towns + 1:000}", $"模拟{v + 1}村委会", AreaLevel.Village, town.Code);
                areas.Add(village);
                villages.Add(village);
            }
        }
        db.Areas.AddRange(areas);
        // Each district's quota about four fifths of the households it registers (some are withdrawn, some reserves),
        // split over its towns as a district does, so that quotas, 完成率 and the towns' rows read as in a real year.
        var quota = Math.Max(10, (int)Math.Round(size.Households * 0.8 / size.Districts / 10) * 10);
        var townsOf = areas.Where(a => a.Level == AreaLevel.Town).ToLookup(a => a.ParentCode!);
        var programmes = districts.Select(d =>
        {
            var p = DemoData.Liunan2020();
            var copy = new Programme(2020, d.Code, $"2020年{d.Name}“党员扶残 温暖同行”项目")
            {
                Quota = quota,
                MinHouseholdsPerVillage = 1,
                SubsidyPerHousehold = p.SubsidyPerHousehold,
                ReferenceDate = p.ReferenceDate,
                MaleMinAge = 16,
                MaleMaxAge = 59,
                FemaleMinAge = 16,
                FemaleMaxAge = 54,
                PriorityIncomeThreshold = p.PriorityIncomeThreshold,
                MinSkills = 1,
                MaxSkills = 2,
                MinHelpers = 1,
                MaxHelpers = 2,
                NoticeWorkingDays = 5,
            };
            foreach (var s in p.FundShares)
            {
                copy.SetFundShare(s.Source, s.BasisPoints, s.Note);
            }
            foreach (var ph in p.Phases)
            {
                copy.SetPhase(ph.Phase, ph.Start, ph.End, ph.Deadline, ph.DeadlineWhat);
            }
            var towns = townsOf[d.Code].OrderBy(t => t.Code).ToList();
            for (var i = 0; i < towns.Count; i++)
            {
                copy.SetTownQuota(towns[i].Code, quota / towns.Count + (i < quota % towns.Count ? 1 : 0));
            }
            return copy;
        }).ToList();
        db.Programmes.AddRange(programmes);
        db.SkipAuditForBulk("生成模拟省份数据", $"{size}");
        await db.SaveChangesAsync(ct);
        if (users is not null)
        {
            // Logins for the benchmarks: the region's federation, the first district's organization department, its first town's committee.
            var firstTown = areas.First(a => a.Level == AreaLevel.Town && a.ParentCode == districts[0].Code);
            foreach (var (name, role, area, level) in new[]
            {
                ("bench.region", Role.RegionFederation, region, AreaLevel.Region),
                ("bench.district", Role.DistrictOrganization, districts[0].Code, AreaLevel.District),
                ("bench.town", Role.TownCommittee, firstTown.Code, AreaLevel.Town),
            })
            {
                await users.CreateAsync(new AppUser { UserName = name, DisplayName = name, Role = role, AreaCode = area, AreaLevel = level, LockoutEnabled = true }, DemoData.DemoPassword);
            }
        }
        progress($"区划 {areas.Count} 个，项目 {programmes.Count} 个");

        var byCode = areas.ToDictionary(a => a.Code);
        var programmeOf = programmes.ToDictionary(p => p.DistrictCode, p => p);
        int written;
        if (full)
        {
            // Each village gets N ÷ villages households (the first N mod villages one more), as the round-robin below does.
            var perVillage = villages.Select((v, j) => (Village: v, Count: size.Households / villages.Count + (j < size.Households % villages.Count ? 1 : 0)))
                .ToLookup(x => AreaPath.Of(x.Village.Code, byCode)!.DistrictCode);
            var plan = districts.Select((d, i) => new District(d, programmeOf[d.Code], perVillage[d.Code].Select(x => x.Village).ToList(), perVillage[d.Code].Sum(x => x.Count), i))
                .Where(d => d.Households > 0).ToList();
            written = await GenerateYearAsync(plan, byCode, seed, progress, ct);
        }
        else
        {
            written = await GenerateHouseholdsAsync(size, villages, byCode, programmeOf, seed, withFunds, progress, ct);
            if (withFunds)
            {
                await GenerateFundsAsync(programmes.Select(p => p.Id).ToList(), new Random(seed + 1), progress, ct);
            }
        }
        // The dashboard's maintained counts, rebuilt from what was written in bulk (ADR 0032).
        progress("重算工作进度统计");
        await DashboardCounts.RecountAsync(db, null, ct);
        // Fresh statistics for the planner (and, on PostgreSQL, the visibility map that index-only scans need), as a DBA
        // would after any bulk load; autovacuum would get there on its own, later.
        progress("更新统计信息");
        await db.Database.ExecuteSqlRawAsync(db is PostgresTongxingDb ? "VACUUM ANALYZE" : "ANALYZE", ct);
        return written;
    }

    private async Task<int> GenerateHouseholdsAsync(ProvinceSize size, List<Area> villages, Dictionary<string, Area> byCode, Dictionary<string, Programme> programmeOf,
        int seed, bool withFunds, Action<string> progress, CancellationToken ct)
    {
        var random = new Random(seed);
        var usedIds = new HashSet<string>(StringComparer.Ordinal);
        var at = clock.GetUtcNow();
        var written = 0;
        var batch = Math.Min(2_000, size.Households);
        while (written < size.Households)
        {
            var count = Math.Min(batch, size.Households - written);
            var chunk = new List<Household>(count);
            for (var i = 0; i < count; i++)
            {
                var village = villages[(written + i) % villages.Count];
                var programme = programmeOf[AreaPath.Of(village.Code, byCode)!.DistrictCode];
                var h = DemoData.Households(programme, [village], byCode, 1, at, random, usedIds, MembersPerHousehold).Single();
                h.ForceStatusForLoadTest(withFunds && random.Next(5) < 4 ? HouseholdStatus.Filed : States[random.Next(States.Length)]);
                chunk.Add(h);
            }
            db.Households.AddRange(chunk);
            db.SkipAuditForBulk(null, null);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            written += count;
            progress($"帮扶对象 {written.ToString("N0", CultureInfo.InvariantCulture)} / {size.Households.ToString("N0", CultureInfo.InvariantCulture)}");
        }
        return written;
    }

    /// <summary>
    /// The funds of every district, through the model as the use cases make them (ADR 0023), written a district at a
    /// time (<see cref="PayDistrict"/>).
    /// </summary>
    private async Task GenerateFundsAsync(IReadOnlyList<int> programmeIds, Random random, Action<string> progress, CancellationToken ct)
    {
        var payments = 0;
        var districtIndex = 0;
        foreach (var id in programmeIds)
        {
            var programme = await db.Programmes.SingleAsync(p => p.Id == id, ct);
            var households = await db.Households.Where(h => h.ProgrammeId == id && h.Status == HouseholdStatus.Filed).OrderBy(h => h.Id).ToListAsync(ct);
            var funds = PayDistrict(programme, households, districtIndex++, random);
            db.FundEntries.AddRange(funds.Lines);
            db.PaymentBatches.AddRange(funds.Batches);
            db.Payments.AddRange(funds.Payments);
            payments += funds.Payments.Count;
            db.SkipAuditForBulk(null, null);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            progress($"资金 {programme.DistrictCode}：累计发放记录 {payments.ToString("N0", CultureInfo.InvariantCulture)} 笔");
        }
    }

    /// <summary>A district's money: its ledger lines, batches and payments.</summary>
    internal sealed record DistrictFunds(List<FundEntry> Lines, List<PaymentBatch> Batches, List<Payment> Payments);

    /// <summary>
    /// One district's money, made through the model: each source's arrival of exactly the filed households' need, each
    /// town's allocation per source, one bank batch per town with a payment for every filed household, paid on the
    /// town's day (<see cref="GenerateYearSpread.PaidOn"/>) — most paid and receipted, a few failed at the bank (most of
    /// them re-paid in the town's second batch), a few paid and then reversed (filed again) — with their ledger lines.
    /// The households' status moves with their payments.
    /// </summary>
    internal static DistrictFunds PayDistrict(Programme programme, IReadOnlyList<Household> filed, int districtIndex, Random random)
    {
        var lines = new List<FundEntry>();
        var batches = new List<PaymentBatch>();
        var payments = new List<Payment>();
        var id = programme.Id;
        var district = programme.DistrictCode;
        var arrivedAt = GenerateYearSpread.At(GenerateYearSpread.ArrivedOn);
        var finance = new Actor("bench.finance", "模拟财政", Role.Finance, new AreaScope(AreaLevel.District, district));
        var federation = new Actor("bench.federation", "模拟区残联", Role.DistrictFederation, new AreaScope(AreaLevel.District, district));
        foreach (var (source, amount) in FundSplitRule.Budget(filed.Count, programme.SubsidyPerHousehold, programme.FundShares))
        {
            lines.Add(FundEntry.Arrival(id, district, source, amount, GenerateYearSpread.ArrivedOn, $"模拟财〔2020〕{(int)source}号",
                source == FundSource.District ? "市财政局" : Programme.SourceLabel(source) + "财政", null, finance, arrivedAt));
        }
        var townIndex = districtIndex;
        foreach (var town in filed.GroupBy(h => h.TownCode))
        {
            var list = town.ToList();
            foreach (var (source, amount) in FundSplitRule.Budget(list.Count, programme.SubsidyPerHousehold, programme.FundShares))
            {
                lines.Add(FundEntry.Allocation(id, district, town.Key, source, amount, GenerateYearSpread.ArrivedOn.AddDays(1), "模拟残联〔2020〕1号", null, federation, arrivedAt));
            }
            var who = new Actor("bench.town", "模拟镇党委", Role.TownCommittee, new AreaScope(AreaLevel.Town, town.Key));
            var paidOn = GenerateYearSpread.PaidOn(townIndex++);
            var fates = list.Select(_ => GenerateYearSpread.PaymentFate(random.Next(100))).ToList();
            var first = Batch(1, "第1批扶持资金", list, paidOn, fates);
            var again = list.Where((_, i) => fates[i] == GeneratedPaymentFate.FailedThenRepaid).ToList();
            if (again.Count > 0)
            {
                Batch(2, "第2批扶持资金（补发）", again, GenerateYearSpread.RepaidOn(paidOn), again.Select(_ => GeneratedPaymentFate.PaidReceipted).ToList());
            }

            PaymentBatch Batch(int number, string title, List<Household> households, DateOnly on, List<GeneratedPaymentFate> outcome)
            {
                var at = GenerateYearSpread.At(on.AddDays(-3));
                var paidAt = GenerateYearSpread.At(on);
                var batch = new PaymentBatch(id, households[0].Area, number, title, who, at);
                var entries = households.Select((h, i) => Payment.InBatch(h, batch, i + 1, programme.SubsidyPerHousehold, programme.FundShares, who, at)).ToList();
                Check(batch.Send(entries.Count, new Money(entries.Sum(p => p.Fen)), who.Name, at));
                for (var i = 0; i < entries.Count; i++)
                {
                    var (payment, household) = (entries[i], households[i]);
                    payment.MarkSent();
                    if (outcome[i] is GeneratedPaymentFate.FailedThenRepaid or GeneratedPaymentFate.FailedOpen)
                    {
                        Check(payment.RecordFailed("账户已销户", paidAt));
                        lines.AddRange(FundEntry.ForPayment(payment, FundEntryKind.PaymentFailed, on, null, "账户已销户", who, paidAt));
                        continue;
                    }
                    Check(payment.RecordPaid(on, "BK" + payment.Line.ToString("000000", CultureInfo.InvariantCulture), paidAt));
                    var paid = FundEntry.ForPayment(payment, FundEntryKind.Payment, on, payment.BankReference, null, who, paidAt).ToList();
                    lines.AddRange(paid);
                    Check(household.MarkPaid(who, payment, paidAt));
                    if (outcome[i] == GeneratedPaymentFate.Reversed)
                    {
                        var reversedAt = GenerateYearSpread.At(on.AddDays(1));
                        Check(payment.Reverse("户名与账户不符", reversedAt));
                        lines.AddRange(paid.Select(l => l.Reversal("户名与账户不符", on.AddDays(1), who, reversedAt)));
                        Check(household.PaymentReversed(who, "户名与账户不符", reversedAt));
                    }
                    else if (outcome[i] == GeneratedPaymentFate.PaidReceipted)
                    {
                        Check(payment.RecordReceipt(ReceiptKind.SignedPhoto, on.AddDays(1), ("bench-receipt.jpg", "image/jpeg"), null, null, null, who, GenerateYearSpread.At(on.AddDays(1))));
                    }
                }
                batch.Close(paidAt);
                batches.Add(batch);
                payments.AddRange(entries);
                return batch;
            }
        }
        return new DistrictFunds(lines, batches, payments);
    }

    internal static void Check(Result result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("模拟数据未通过检查：" + string.Join("；", result.Errors.Select(e => e.Message)));
        }
    }
}
