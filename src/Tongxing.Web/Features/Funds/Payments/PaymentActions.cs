using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Funds.Payments;

public sealed class CashInput
{
    public Guid? HouseholdId { get; set; }
    /// <summary>In yuan; the programme's subsidy when empty, never less.</summary>
    public string? Amount { get; set; }
    public DateOnly? PaidOn { get; set; }
}

/// <summary>
/// One payment at a time: 现金发放 against the receipt the household signed (a photo, taken in like every picture), and
/// 冲销 of an entry of a sent batch or of a cash payment, with a reason: a paid amount gets the ledger's opposite
/// lines and the household is filed again, free to be paid anew.
/// </summary>
public sealed class PaymentActions(TongxingDb db, CurrentUser me, TimeProvider clock, PhotoUploads uploads, AreaDirectory areas, IConfiguration config)
{
    public long MaxPhotoBytes => uploads.MaxBytes;

    private bool MayPay => me.Can(Capability.PayHouseholds) && me.Scope?.Level == AreaLevel.Town;

    public async Task<Outcome<Guid>> PayCash(CashInput input, byte[] receipt, string? fileName, CancellationToken ct)
    {
        if (me.Actor is not { } actor || !MayPay)
        {
            return Outcome<Guid>.Forbidden(PaymentBatches.NotAllowed);
        }
        var household = input.HouseholdId is { } hid ? await db.Households.Within(me.Scope).FirstOrDefaultAsync(h => h.Id == hid, ct) : null;
        if (household is null)
        {
            return input.HouseholdId is null ? Outcome<Guid>.Invalid([new FieldError("HouseholdId", "请选择发放对象")]) : Outcome<Guid>.NotFound();
        }
        var programme = await db.Programmes.FirstAsync(p => p.Id == household.ProgrammeId, ct);
        var amount = programme.SubsidyPerHousehold;
        var errors = new List<FieldError>();
        if (!string.IsNullOrWhiteSpace(input.Amount))
        {
            var parsed = Money.ParseYuan(input.Amount);
            if (parsed.Ok)
            {
                amount = parsed.Value;
            }
            else
            {
                errors.Add(new FieldError("Amount", parsed.Error!));
            }
        }
        var today = clock.Today();
        if (input.PaidOn is not { } paidOn)
        {
            errors.Add(new FieldError("PaidOn", "请填写发放日期"));
            paidOn = today;
        }
        else if (paidOn > today)
        {
            errors.Add(new FieldError("PaidOn", "发放日期不能晚于今天"));
        }
        else if (paidOn.Year < today.Year - 1)
        {
            errors.Add(new FieldError("PaidOn", "发放日期过早，请核对"));
        }
        if (errors.Count > 0)
        {
            return Outcome<Guid>.Invalid(errors);
        }
        var can = Payment.CanPay(household, amount, programme, PaymentBatches.MaxTimesSubsidyOf(config));
        if (!can.Succeeded)
        {
            return Outcome<Guid>.Refused(can);
        }
        if (await db.Payments.AnyAsync(p => p.LiveHouseholdId == household.Id, ct))
        {
            return Outcome<Guid>.Conflict($"{household.HeadName}户：{PaymentBatches.AlreadyLive}");
        }
        var saved = await uploads.SaveAsync(receipt, fileName, "Receipt", ct);
        if (saved.Value is not { } photo)
        {
            return new Outcome<Guid>(saved.Status, default, saved.Errors);
        }
        await using var transaction = await db.BeginLockedAsync("funds:" + household.DistrictCode, ct);
        var within = await TownCommitment.CheckAsync(db, areas, programme.Id, household.TownCode, FundSplitRule.Split(amount, programme.FundShares), ct);
        if (!within.Succeeded)
        {
            return Outcome<Guid>.Refused(within);
        }
        var firstAllocation = await db.FundEntries.Where(e => e.ProgrammeId == programme.Id && e.TownCode == household.TownCode && e.Kind == FundEntryKind.Allocation)
            .MinAsync(e => (DateOnly?)e.On, ct);
        if (firstAllocation is { } allocatedOn && paidOn < allocatedOn)
        {
            return Outcome<Guid>.Invalid([new FieldError("PaidOn", $"发放日期不能早于资金下拨到本镇的日期（{allocatedOn:yyyy-MM-dd}）")]);
        }
        var at = clock.GetUtcNow();
        var payment = Payment.InCash(household, amount, programme.FundShares, paidOn, (photo.StoredName, photo.ContentType), actor, at);
        var paid = household.MarkPaid(actor, payment, at);
        if (!paid.Succeeded)
        {
            return Outcome<Guid>.Refused(paid);
        }
        db.Payments.Add(payment);
        db.FundEntries.AddRange(FundEntry.ForPayment(payment, FundEntryKind.Payment, paidOn, null, "现金发放", actor, at));
        var outcome = await Save(ct);
        if (!outcome.Ok)
        {
            return new Outcome<Guid>(outcome.Status, default, outcome.Errors);
        }
        await transaction.CommitAsync(ct);
        return Outcome<Guid>.Success(payment.Id);
    }

    /// <param name="inBatch">The batch whose page asks (its entries only); null from the API, which names the payment alone.</param>
    public async Task<Outcome<int>> Reverse(Guid id, ReversalInput input, CancellationToken ct, Guid? inBatch = null)
    {
        if (me.Actor is not { } actor || !MayPay)
        {
            return Outcome<int>.Forbidden("冲销由镇党委办理");
        }
        var payment = await db.Payments.Within(me.Scope).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (payment is null || (inBatch is { } asked && payment.BatchId != asked))
        {
            return Outcome<int>.NotFound();
        }
        var reason = PlainText.Clean(input.Reason) ?? "";
        if (reason.Length == 0 || reason.Length > Payment.MaxReasonLength || PlainText.HasInvisible(reason))
        {
            return Outcome<int>.Invalid([new FieldError("Reason", $"请填写冲销原因（不超过{Payment.MaxReasonLength}个字，不含不可见字符）")]);
        }
        if (payment.Version != input.Version)
        {
            return Outcome<int>.Conflict(Changed);
        }
        if (payment.State == PaymentState.Pending)
        {
            return Outcome<int>.Conflict("草稿批次中的对象请直接从批次中移除");
        }
        var wasPaid = payment.State == PaymentState.Paid;
        var at = clock.GetUtcNow();
        var reversed = payment.Reverse(reason, at);
        if (!reversed.Succeeded)
        {
            return Outcome<int>.Refused(reversed);
        }
        if (wasPaid)
        {
            var lines = await db.FundEntries.Where(e => e.PaymentId == id && e.Kind == FundEntryKind.Payment && e.ReversesId == null).ToListAsync(ct);
            db.FundEntries.AddRange(lines.Select(l => l.Reversal(reason, clock.Today(), actor, at)));
            var household = await db.Households.FirstAsync(h => h.Id == payment.HouseholdId, ct);
            var back = household.PaymentReversed(actor, reason, at);
            if (!back.Succeeded)
            {
                return Outcome<int>.Refused(back);
            }
        }
        if (payment.BatchId is { } batchId && await db.PaymentBatches.FirstOrDefaultAsync(b => b.Id == batchId, ct) is { State: BatchState.Sent } batch
            && !await db.Payments.AnyAsync(p => p.BatchId == batchId && p.Id != id && p.State == PaymentState.Sent, ct))
        {
            batch.Close(at);
        }
        db.Entry(payment).Property(p => p.Version).OriginalValue = input.Version;
        var outcome = await Save(ct);
        return outcome.Ok ? Outcome<int>.Success(payment.Version) : outcome;
    }

    private async Task<Outcome<int>> Save(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<int>.Conflict(Changed);
        }
        catch (DbUpdateException e) when (PaymentBatches.IsLiveHousehold(e) || e.InnerException?.Message.Contains("ReversesId", StringComparison.Ordinal) == true)
        {
            return Outcome<int>.Conflict(PaymentBatches.AlreadyLive);
        }
        return Outcome<int>.Success(0);
    }

    private const string Changed = "该笔发放或该户信息刚被他人修改，请刷新页面后重试";
}
