using SkiaSharp;
using Tongxing.Web.Domain;

namespace Tongxing.Web.Data.Seed;

/// <summary>
/// What a demo started later in the year finds already done, so that the second half can be tried at once: after the
/// funds phase the money arrived, allocated to the towns and paid to the filed households that have an account (most
/// receipted); after the pairing deadline most agreements signed; then return visits every interval and monthly support
/// logs up to the demo's day, a few households left overdue. Deterministic: the same on every start. Every record is
/// made through the model (its rules), by the system as 演示数据.
/// </summary>
internal static class DemoFollowThrough
{
    private static Actor System(Programme programme, Role role, string townCode = "") =>
        new("seed", "演示数据", role, townCode.Length == 0 ? new AreaScope(AreaLevel.District, programme.DistrictCode) : new AreaScope(AreaLevel.Town, townCode));

    public sealed record Paid(List<FundEntry> Lines, List<PaymentBatch> Batches, List<Payment> Payments);

    /// <summary>After the funds phase's deadline: arrivals in full, each town's share allocated, its filed households with an account paid the day before the deadline.</summary>
    public static Paid PayForLaterPhase(Programme programme, IReadOnlyList<Household> households, DateOnly today, string? receiptScan, DateTimeOffset at)
    {
        var lines = new List<FundEntry>();
        var batches = new List<PaymentBatch>();
        var payments = new List<Payment>();
        if (programme.Phase(ProgrammePhase.Funds) is not { } funds || today <= (funds.Deadline ?? funds.End))
        {
            return new(lines, batches, payments);
        }
        var finance = System(programme, Role.Finance);
        var federation = System(programme, Role.DistrictFederation);
        var arrived = funds.Start;
        foreach (var (source, amount) in programme.FundSplit())
        {
            lines.Add(FundEntry.Arrival(programme.Id, programme.DistrictCode, source, amount, arrived, $"演示〔{programme.Year}〕{(int)source}号", Domain.Programme.SourceLabel(source) + "财政", null, finance, at));
        }
        var shares = programme.FundShares.OrderBy(s => s.Source).ToArray();
        foreach (var quota in programme.TownQuotas.Where(q => q.Quota > 0).OrderBy(q => q.TownCode))
        {
            var parts = new Domain.Money(programme.SubsidyPerHousehold.Fen * quota.Quota).Split(shares.Select(s => s.BasisPoints).ToArray());
            for (var i = 0; i < shares.Length; i++)
            {
                lines.Add(FundEntry.Allocation(programme.Id, programme.DistrictCode, quota.TownCode, shares[i].Source, parts[i], arrived.AddDays(1), $"演示拨〔{programme.Year}〕1号", null, federation, at));
            }
        }
        var paidOn = (funds.Deadline ?? funds.End).AddDays(-1);
        foreach (var town in households.Where(h => h.Status == HouseholdStatus.Filed && h.BankAccountNumber is not null).GroupBy(h => h.TownCode).OrderBy(g => g.Key))
        {
            var actor = System(programme, Role.TownCommittee, town.Key);
            var batch = new PaymentBatch(programme.Id, town.First().Area, 1, "演示代发批次", actor, at);
            var line = 0;
            var paid = town.Select(h => (Household: h, Payment: Payment.InBatch(h, batch, ++line, programme.SubsidyPerHousehold, programme.FundShares, actor, at))).ToList();
            Check(batch.Send(paid.Count, paid.Aggregate(Domain.Money.Zero, (s, p) => s + p.Payment.Amount), actor.Name, at));
            var n = 0;
            foreach (var (household, payment) in paid)
            {
                payment.MarkSent();
                Check(payment.RecordPaid(paidOn, "DEMO" + payment.Line.ToString("00000", global::System.Globalization.CultureInfo.InvariantCulture), at));
                lines.AddRange(FundEntry.ForPayment(payment, FundEntryKind.Payment, paidOn, payment.BankReference, null, actor, at));
                Check(household.MarkPaid(actor, payment, at));
                // Every sixth receipt still to be recorded, for the village's list.
                if (receiptScan is not null && ++n % 6 != 0)
                {
                    Check(payment.RecordReceipt(ReceiptKind.SignedPhoto, paidOn.AddDays(2), (receiptScan, "image/jpeg"), null, null, null,
                        System(programme, Role.VillageBranch, town.Key), at));
                }
                payments.Add(payment);
            }
            batch.Close(at);
            batches.Add(batch);
        }
        return new(lines, batches, payments);
    }

    /// <summary>
    /// After the pairing deadline: agreements of all but every sixth pairing signed two days after it began; return visits
    /// by the town federation every visit interval (every ninth household never visited, so overdue); a support log
    /// by the helper every month.
    /// </summary>
    public static (List<Visit> Visits, List<SupportLog> Logs) FollowUpForLaterPhase(Programme programme, IReadOnlyList<Household> households,
        IReadOnlyList<Pairing> pairings, DateOnly today, string? agreementScan, DateTimeOffset at)
    {
        var visits = new List<Visit>();
        var logs = new List<SupportLog>();
        if (programme.Phase(ProgrammePhase.Pairing) is not { } phase || today <= (phase.Deadline ?? phase.End))
        {
            return (visits, logs);
        }
        var byId = households.ToDictionary(h => h.Id);
        var n = 0;
        foreach (var pairing in pairings)
        {
            var household = byId[pairing.HouseholdId];
            var branch = System(programme, Role.VillageBranch, household.TownCode);
            if (agreementScan is not null && ++n % 6 != 0)
            {
                Check(pairing.AttachAgreement(agreementScan, "image/jpeg", pairing.StartedOn.AddDays(2), branch, at));
            }
            for (var on = pairing.StartedOn.AddDays(7); on <= today && on < pairing.StartedOn.AddDays(200); on = on.AddMonths(1))
            {
                logs.Add(SupportLog.Create(Guid.NewGuid(), household, pairing.HelperId, on, (SupportKind)(1 + (logs.Count % 4)),
                    LogTexts[logs.Count % LogTexts.Length], null, null, null, null, branch, at));
            }
        }
        var federationOf = households.Select(h => h.TownCode).Distinct().ToDictionary(t => t, t => System(programme, Role.TownFederation, t));
        var k = 0;
        foreach (var household in households.Where(h => h.PairedOn is not null).OrderBy(h => h.Id))
        {
            // Every ninth household not yet visited at all: overdue once its first window has passed.
            if (++k % 9 == 0)
            {
                continue;
            }
            for (var due = household.PairedOn!.Value.AddDays(programme.VisitIntervalDays); due <= today; due = due.AddDays(programme.VisitIntervalDays))
            {
                visits.Add(Visit.Create(Guid.NewGuid(), household, VisitKind.ReturnVisit, due, "镇残联 莫理事长、村党支部 潘书记", "项目正常推进，家庭生产生活稳定",
                    HelperRating.Good, "帮扶人每月上门，技术指导到位", "继续做好销售对接", null, null, federationOf[household.TownCode], at));
            }
        }
        return (visits, logs);
    }

    internal static readonly string[] LogTexts =
    [
        "上门指导果树修剪和施肥", "联系合作社收购产品", "讲解养殖防疫知识", "送去种苗和化肥", "了解家庭生产生活情况", "帮助办理小额信贷手续",
    ];

    /// <summary>A plain scanned-form picture (ruled lines and a red seal) for the demo's receipts and agreements, stored once.</summary>
    public static byte[] ScanPicture()
    {
        using var bitmap = new SKBitmap(600, 848);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            using var line = new SKPaint { Color = new SKColor(120, 120, 120), StrokeWidth = 2, IsAntialias = true };
            for (var y = 120; y < 760; y += 44)
            {
                canvas.DrawLine(60, y, 540, y, line);
            }
            using var seal = new SKPaint { Color = new SKColor(200, 30, 30), StrokeWidth = 5, IsStroke = true, IsAntialias = true };
            canvas.DrawCircle(430, 700, 60, seal);
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 70);
        return data.ToArray();
    }

    private static void Check(Result result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("演示数据未通过检查：" + string.Join("；", result.Errors.Select(e => e.Message)));
        }
    }
}
