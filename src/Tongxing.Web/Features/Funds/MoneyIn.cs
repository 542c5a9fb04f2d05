using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Funds;

/// <summary>An arrival (到账) as finance types it; the amount in yuan as typed.</summary>
public sealed class ArrivalInput
{
    public FundSource? Source { get; set; }
    public string? Amount { get; set; }
    public DateOnly? On { get; set; }
    public string? DocumentNumber { get; set; }
    public string? PayingOffice { get; set; }
}

/// <summary>An allocation (下拨) to a town as the district federation types it.</summary>
public sealed class AllocationInput
{
    public string? TownCode { get; set; }
    public FundSource? Source { get; set; }
    public string? Amount { get; set; }
    public DateOnly? On { get; set; }
    public string? DocumentNumber { get; set; }
    public string? Reason { get; set; }
}

/// <summary>The allocation page's form: one town, an amount per source (empty: none of that source), one date, 文号 and reason.</summary>
public sealed class TownAllocationInput
{
    public string? TownCode { get; set; }
    public string? Region { get; set; }
    public string? City { get; set; }
    public string? District { get; set; }
    public DateOnly? On { get; set; }
    public string? DocumentNumber { get; set; }
    public string? Reason { get; set; }
}

/// <summary>冲销 of a ledger line or a payment: the reason, and the version of a payment as the user saw it (a ledger line has
/// none: it is reversed once, held by its unique index).</summary>
public sealed class ReversalInput
{
    public string? Reason { get; set; }
    public int Version { get; set; }
}

/// <summary>An uploaded voucher as it came in: the bytes and the name the user's file had.</summary>
public sealed record VoucherUpload(byte[] Content, string? FileName);

/// <summary>A stored voucher to send back: its content and type.</summary>
public sealed record VoucherFile(Stream Content, string ContentType, string FileName);

/// <summary>
/// Money in and down: finance records arrivals with their vouchers, the district federation allocates to towns; both
/// correct by reversal lines, never edits (ADR 0023). Each write runs under the district's funds lock so that an
/// allocation's check and its save see no other write in between.
/// </summary>
public sealed class MoneyIn(TongxingDb db, CurrentUser me, FundBooks books, PhotoUploads uploads, TimeProvider clock, AreaDirectory areas)
{
    private const string Busy = "该记录刚被他人冲销，请刷新页面查看";

    public long MaxVoucherBytes => uploads.MaxBytes;

    /// <summary>Records one source's arrival at the district. The voucher scan is required (JPEG/PNG, cleaned like every photo).</summary>
    public async Task<Outcome<FundLineView>> RecordArrival(ArrivalInput input, VoucherUpload? voucher, CancellationToken ct)
    {
        if (me.Actor is not { } actor || !me.Can(Capability.RecordArrivals) || actor.Scope.Level != AreaLevel.District)
        {
            return Outcome<FundLineView>.Forbidden("资金到账由区财政登记");
        }
        if (await books.ContextAsync(ct) is not { } c)
        {
            return Outcome<FundLineView>.Invalid([new FieldError("", "本区尚未设置帮扶项目")]);
        }
        var errors = new List<FieldError>();
        var source = Source(input.Source, c, errors);
        var amount = Money.ParseYuan(input.Amount);
        if (!amount.Ok)
        {
            errors.Add(new("Amount", amount.Error!));
        }
        var today = clock.Today();
        var on = input.On ?? today;
        if (amount.Ok)
        {
            errors.AddRange(FundRules.CheckArrival(amount.Value, on, today, input.DocumentNumber, input.PayingOffice).Errors);
        }
        if (voucher is null || voucher.Content.Length == 0)
        {
            errors.Add(new("Voucher", "请上传到账凭证的扫描件或照片"));
        }
        if (errors.Count == 0 && await SameArrivalAsync(c, source!.Value, amount.Value, input.DocumentNumber!.Trim(), ct) is { } same)
        {
            errors.Add(same);
        }
        if (errors.Count > 0)
        {
            return Outcome<FundLineView>.Invalid(errors);
        }
        var saved = await uploads.SaveAsync(voucher!.Content, voucher.FileName, "Voucher", ct);
        if (saved.Value is not { } image)
        {
            return new Outcome<FundLineView>(saved.Status, default, saved.Errors);
        }
        var line = FundEntry.Arrival(c.Programme.Id, c.DistrictCode, source!.Value, amount.Value, on, input.DocumentNumber!.Trim(), input.PayingOffice!.Trim(),
            (image.StoredName, image.ContentType, image.OriginalName), actor, clock.GetUtcNow());
        await using var transaction = await db.BeginLockedAsync(LockName(c), ct);
        // Again under the district's funds lock: of two identical forms sent at once, the second is refused.
        if (await SameArrivalAsync(c, source.Value, amount.Value, line.DocumentNumber!, ct) is { } raced)
        {
            return Outcome<FundLineView>.Conflict(raced.Message);
        }
        db.FundEntries.Add(line);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Outcome<FundLineView>.Success(View(line, c, null));
    }

    /// <summary>
    /// The same arrival already on the books (same source, amount and 文号, not reversed): a form sent twice, or the same
    /// voucher entered by two people. Another instalment under the same 文号 has another amount; a wrong line is reversed
    /// first.
    /// </summary>
    private async Task<FieldError?> SameArrivalAsync(FundContext c, FundSource source, Money amount, string documentNumber, CancellationToken ct)
    {
        var same = await db.FundEntries.AsNoTracking()
            .Where(e => e.ProgrammeId == c.Programme.Id && e.DistrictCode == c.DistrictCode && e.Kind == FundEntryKind.Arrival && e.ReversesId == null
                && e.Source == source && e.Fen == amount.Fen && e.DocumentNumber == documentNumber && !db.FundEntries.Any(r => r.ReversesId == e.Id))
            .Select(e => new { e.RecordedAt, e.RecordedByName }).FirstOrDefaultAsync(ct);
        return same is null ? null : new FieldError("DocumentNumber",
            $"{Programme.SourceLabel(source)}资金 {amount.ToYuanString()} 元（{documentNumber}）已于{TimeZoneInfo.ConvertTime(same.RecordedAt, Clock.ChinaTime):M月d日 HH:mm}由{same.RecordedByName}登记，不能重复登记；如确是另一笔到账，请核对文号和金额");
    }

    /// <summary>Allocates one source's money to a town; beyond what was received or what the town needs only with a reason.</summary>
    public async Task<Outcome<FundLineView>> Allocate(AllocationInput input, CancellationToken ct)
    {
        var outcome = await Allocate(input.TownCode, [(input.Source, input.Amount, "Amount")], input.On, input.DocumentNumber, input.Reason, ct);
        return outcome.Ok ? Outcome<FundLineView>.Success(outcome.Value![0]) : new Outcome<FundLineView>(outcome.Status, default, outcome.Errors);
    }

    /// <summary>Allocates to a town from several sources at once (the page's form): all lines are saved, or none.</summary>
    public Task<Outcome<IReadOnlyList<FundLineView>>> Allocate(TownAllocationInput input, CancellationToken ct)
    {
        var amounts = new (FundSource?, string?, string)[]
        {
            (FundSource.Region, input.Region, nameof(input.Region)), (FundSource.City, input.City, nameof(input.City)), (FundSource.District, input.District, nameof(input.District)),
        }.Where(a => !string.IsNullOrWhiteSpace(a.Item2)).ToList();
        return amounts.Count == 0
            ? Task.FromResult(Outcome<IReadOnlyList<FundLineView>>.Invalid([new FieldError("Region", "请至少填写一个来源的下拨金额")]))
            : Allocate(input.TownCode, amounts, input.On, input.DocumentNumber, input.Reason, ct);
    }

    private async Task<Outcome<IReadOnlyList<FundLineView>>> Allocate(string? townCode, IReadOnlyList<(FundSource? Source, string? Amount, string Field)> amounts,
        DateOnly? date, string? documentNumber, string? reasonText, CancellationToken ct)
    {
        if (me.Actor is not { } actor || !me.Can(Capability.AllocateFunds) || actor.Scope.Level != AreaLevel.District)
        {
            return Outcome<IReadOnlyList<FundLineView>>.Forbidden("资金下拨由区残联办理");
        }
        if (await books.ContextAsync(ct) is not { } c)
        {
            return Outcome<IReadOnlyList<FundLineView>>.Invalid([new FieldError("", "本区尚未设置帮扶项目")]);
        }
        var errors = new List<FieldError>();
        var town = c.Towns.FirstOrDefault(t => t.Code == townCode && !t.IsRetired);
        if (town is null)
        {
            errors.Add(new("TownCode", "请选择本区的乡镇"));
        }
        var parsed = new List<(FundSource Source, Money Amount, string Field)>();
        foreach (var (source, text, field) in amounts)
        {
            var s = Source(source, c, errors);
            var amount = Money.ParseYuan(text);
            if (!amount.Ok)
            {
                errors.Add(new(field, amount.Error!));
            }
            else if (s is { } known)
            {
                parsed.Add((known, amount.Value, field));
            }
        }
        var today = clock.Today();
        var on = date ?? today;
        if (on > today)
        {
            errors.Add(new("On", "下拨日期不能晚于今天"));
        }
        errors.AddRange(FundRules.CheckText(documentNumber, "DocumentNumber", "文号", FundEntry.MaxDocumentNumberLength, required: false));
        errors.AddRange(FundRules.CheckText(reasonText, "Reason", "原因", FundEntry.MaxNoteLength, required: false));
        if (errors.Count > 0)
        {
            return Outcome<IReadOnlyList<FundLineView>>.Invalid(errors);
        }
        await using var transaction = await db.BeginLockedAsync(LockName(c), ct);
        var townFunds = (await books.TownsAsync(c, town!.Code, ct)).Single();
        var reason = string.IsNullOrWhiteSpace(reasonText) ? null : reasonText.Trim();
        var document = string.IsNullOrWhiteSpace(documentNumber) ? null : documentNumber.Trim();
        var lines = new List<FundEntry>();
        foreach (var (source, amount, field) in parsed)
        {
            var check = FundRules.CheckAllocation(await books.PositionAsync(c, townFunds, source, ct), amount, reason);
            errors.AddRange(check.Errors.Select(e => e.Field == "Amount" ? e with { Field = field } : e));
            lines.Add(FundEntry.Allocation(c.Programme.Id, c.DistrictCode, town.Code, source, amount, on, document, reason, actor, clock.GetUtcNow()));
        }
        if (errors.Count > 0)
        {
            return Outcome<IReadOnlyList<FundLineView>>.Invalid(errors);
        }
        db.FundEntries.AddRange(lines);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Outcome<IReadOnlyList<FundLineView>>.Success([.. lines.Select(l => View(l, c, null))]);
    }

    public Task<Outcome<FundLineView>> ReverseArrival(Guid id, ReversalInput input, CancellationToken ct) =>
        Reverse(id, FundEntryKind.Arrival, Capability.RecordArrivals, "到账记录由区财政冲销", input, ct);

    public Task<Outcome<FundLineView>> ReverseAllocation(Guid id, ReversalInput input, CancellationToken ct) =>
        Reverse(id, FundEntryKind.Allocation, Capability.AllocateFunds, "下拨记录由区残联冲销", input, ct);

    /// <summary>Cancels a line of the district with a line of the opposite amount and the reason; a line is reversed once (409 the second time).</summary>
    private async Task<Outcome<FundLineView>> Reverse(Guid id, FundEntryKind kind, Capability may, string refusal, ReversalInput input, CancellationToken ct)
    {
        if (me.Actor is not { } actor || !me.Can(may) || actor.Scope.Level != AreaLevel.District)
        {
            return Outcome<FundLineView>.Forbidden(refusal);
        }
        if (await books.ContextAsync(ct) is not { } c)
        {
            return Outcome<FundLineView>.NotFound();
        }
        var line = await db.FundEntries.Within(me.Scope).FirstOrDefaultAsync(e => e.Id == id && e.Kind == kind, ct);
        if (line is null)
        {
            return Outcome<FundLineView>.NotFound();
        }
        if (line.IsReversal)
        {
            return Outcome<FundLineView>.Invalid([new FieldError("", "冲销记录不能再冲销；如需恢复，请重新登记")]);
        }
        var reason = FundRules.CheckReversalReason(input.Reason);
        if (!reason.Succeeded)
        {
            return Outcome<FundLineView>.Refused(reason);
        }
        await using var transaction = await db.BeginLockedAsync(LockName(c), ct);
        if (await db.FundEntries.AnyAsync(e => e.ReversesId == id, ct))
        {
            return Outcome<FundLineView>.Conflict(Busy);
        }
        if (line.Kind == FundEntryKind.Allocation && line.TownCode is { } town
            && !(await Payments.TownCommitment.CheckAsync(db, areas, line.ProgrammeId, town, [(line.Source, line.Amount)], ct)).Succeeded)
        {
            // What the town has sent to the bank or paid must stay covered by what it was given.
            return Outcome<FundLineView>.Conflict(
                $"该镇已提交银行或已发放的{Programme.SourceLabel(line.Source)}资金将超过冲销后的下拨金额，不能冲销：请先下拨更正后的资金，再冲销原下拨");
        }
        if (line.Kind == FundEntryKind.Arrival)
        {
            // What the district passed down must stay covered by what arrived: the allocations are corrected first.
            var (received, allocated) = await books.AtDistrictAsync(line.ProgrammeId, line.DistrictCode, line.Source, ct);
            if (received - line.Amount < allocated)
            {
                return Outcome<FundLineView>.Conflict(
                    $"{Programme.SourceLabel(line.Source)}资金已下拨{allocated}，冲销后到账将只有{received - line.Amount}，不能冲销：请先登记更正后的到账，或由区残联先冲销相应下拨");
            }
        }
        var reversal = line.Reversal(input.Reason!.Trim(), clock.Today(), actor, clock.GetUtcNow());
        db.FundEntries.Add(reversal);
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException failure) when (TransientFailureAnswers.Retryable(failure) is null)
        {
            // The unique index on ReversesId: another request reversed the line first.
            return Outcome<FundLineView>.Conflict(Busy);
        }
        return Outcome<FundLineView>.Success(View(reversal, c, null));
    }

    /// <summary>An arrival's voucher, for an office that sees the district's funds; null otherwise.</summary>
    public async Task<VoucherFile?> Voucher(Guid id, CancellationToken ct)
    {
        if (!me.Can(Capability.ViewFunds))
        {
            return null;
        }
        var line = await db.FundEntries.Within(me.Scope).Where(e => e.Id == id && e.Kind == FundEntryKind.Arrival && e.VoucherStoredName != null)
            .Select(e => new { e.VoucherStoredName, e.VoucherContentType, e.VoucherOriginalName }).FirstOrDefaultAsync(ct);
        var stream = uploads.Open(line?.VoucherStoredName);
        return stream is null ? null : new VoucherFile(stream, line!.VoucherContentType ?? "application/octet-stream", line.VoucherOriginalName ?? "凭证");
    }

    private static FundSource? Source(FundSource? source, FundContext c, List<FieldError> errors)
    {
        if (source is { } s && c.Programme.FundShares.Any(f => f.Source == s))
        {
            return s;
        }
        errors.Add(new("Source", "请选择资金来源（自治区、市级或区级）"));
        return null;
    }

    internal static string LockName(FundContext c) => "funds:" + c.DistrictCode;

    internal static FundLineView View(FundEntry e, FundContext c, Guid? reversedBy) =>
        new(e.Id, e.Kind, Labels.Of(e.Kind), e.Source, Programme.SourceLabel(e.Source), e.Amount.ToYuanString(), e.Fen, e.On, e.TownCode,
            e.TownCode is null ? null : c.TownName(e.TownCode), e.VillageCode, e.DocumentNumber, e.PayingOffice, e.Note, e.ReversesId, reversedBy,
            e.VoucherStoredName is not null, e.BatchId, e.RecordedAt, e.RecordedByName);
}
