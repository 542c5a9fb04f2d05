using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Households;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Funds.Payments;

public sealed record BatchSummary(Guid Id, int Number, string Title, string TownName, BatchState StateValue, string State, int Count, string Sum,
    int Paid, int Failed, string CreatedAt, string CreatedBy, string? SentAt);

public sealed record BatchList(IReadOnlyList<BatchSummary> Batches, bool CanCreate);

public sealed record BatchEntryView(Guid PaymentId, int Line, string VillageName, string PayeeName, string Account, string? Bank, string Amount, long Fen,
    PaymentState StateValue, string State, string? PaidOn, string? BankReference, string? FailureReason, string? ReversalReason, int Version,
    bool CanReverse);

public sealed record BatchView(Guid Id, int Number, string Title, string TownName, BatchState StateValue, string State, int Version,
    int Count, string Sum, int ControlCount, string ControlSum, string CreatedBy, string CreatedAt, string? SentBy, string? SentAt, string? ClosedAt,
    IReadOnlyList<BatchEntryView> Entries, bool CanEdit, bool CanSend, bool CanDownload, bool CanImport, bool CanReverse, string Subsidy);

/// <param name="LastFailure">Why the bank could not pay the household last time, when it could not: the account may need changing first.</param>
public sealed record Candidate(Guid HouseholdId, string VillageName, string HeadName, string? AccountName, string? Account, string? Bank, bool HasAccount,
    string? LastFailure);

public sealed record CandidatePage(IReadOnlyList<Candidate> Households, int Total, int Page, int PageSize, string Subsidy);

public sealed class NewBatchInput
{
    public string? Title { get; set; }
}

public sealed class AddEntriesInput
{
    public List<Guid> HouseholdIds { get; set; } = [];
    /// <summary>The amount per household in yuan; the programme's subsidy when empty, never less.</summary>
    public string? Amount { get; set; }
    public int Version { get; set; }
}

public sealed class VersionInput
{
    public int Version { get; set; }
}

/// <summary>
/// A town's payment batches (代发批次): drafted by the town committee from its filed households that have no live
/// payment, edited while a draft (entries added and removed, the batch's version guarding two editors), sent to the
/// bank with control totals, after which only entry-by-entry reversal remains. The district's offices read them.
/// A household is live in one batch only: the database's unique key refuses the second, whichever request it is.
/// </summary>
public sealed class PaymentBatches(TongxingDb db, CurrentUser me, AreaDirectory areas, TimeProvider clock, IConfiguration config)
{
    /// <summary>The most one household may be paid, as a multiple of the programme's subsidy.</summary>
    public int MaxTimesSubsidy => MaxTimesSubsidyOf(config);

    internal static int MaxTimesSubsidyOf(IConfiguration config) => Math.Max(1, config.GetValue("Funds:MaxPaymentTimesSubsidy", 2));

    public const int MaxEntriesPerAdd = 10_000;
    public const int CandidatePageSize = 200;
    public const string AlreadyLive = "该户已在其他批次中或已发放";

    private bool MayView => me.Can(Capability.ViewFunds);
    private bool MayPay => me.Can(Capability.PayHouseholds) && me.Scope?.Level == AreaLevel.Town;

    public async Task<Outcome<BatchList>> List(CancellationToken ct)
    {
        if (!MayView)
        {
            return Outcome<BatchList>.Forbidden("您的岗位无权查看资金发放");
        }
        var batches = await db.PaymentBatches.AsNoTracking().Within(me.Scope).OrderBy(b => b.TownCode).ThenByDescending(b => b.Number).Take(500)
            .Select(b => new
            {
                b.Id,
                b.Number,
                b.Title,
                b.TownCode,
                b.State,
                b.CreatedAt,
                b.CreatedByName,
                b.SentAt,
                Count = db.Payments.Count(p => p.BatchId == b.Id && p.State != PaymentState.Reversed),
                Fen = db.Payments.Where(p => p.BatchId == b.Id && p.State != PaymentState.Reversed).Sum(p => (long?)p.Fen) ?? 0,
                Paid = db.Payments.Count(p => p.BatchId == b.Id && p.State == PaymentState.Paid),
                Failed = db.Payments.Count(p => p.BatchId == b.Id && p.State == PaymentState.Failed),
            }).ToListAsync(ct);
        var names = await areas.NamesAsync(batches.Select(b => b.TownCode).Distinct(), ct);
        return Outcome<BatchList>.Success(new BatchList(batches.Select(b => new BatchSummary(b.Id, b.Number, b.Title, names.GetValueOrDefault(b.TownCode, b.TownCode),
            b.State, Labels.Of(b.State), b.Count, new Money(b.Fen).ToString(), b.Paid, b.Failed, Clock.Local(b.CreatedAt), b.CreatedByName,
            b.SentAt is { } s ? Clock.Local(s) : null)).ToList(), MayPay));
    }

    public async Task<Outcome<BatchView>> Get(Guid id, CancellationToken ct)
    {
        if (!MayView)
        {
            return Outcome<BatchView>.Forbidden("您的岗位无权查看资金发放");
        }
        var b = await db.PaymentBatches.AsNoTracking().Within(me.Scope).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (b is null)
        {
            return Outcome<BatchView>.NotFound();
        }
        var programme = await db.Programmes.AsNoTracking().FirstAsync(p => p.Id == b.ProgrammeId, ct);
        var entries = await db.Payments.AsNoTracking().Where(p => p.BatchId == id).OrderBy(p => p.Line).Take(MaxEntriesPerAdd + 1).ToListAsync(ct);
        var names = await areas.NamesAsync(entries.Select(e => e.VillageCode).Distinct().Append(b.TownCode), ct);
        var pay = MayPay;
        var counted = entries.Where(e => e.State != PaymentState.Reversed).ToList();
        return Outcome<BatchView>.Success(new BatchView(b.Id, b.Number, b.Title, names.GetValueOrDefault(b.TownCode, ""), b.State, Labels.Of(b.State), b.Version,
            counted.Count, new Money(counted.Sum(e => e.Fen)).ToString(), b.ControlCount, b.ControlSum.ToString(), b.CreatedByName, Clock.Local(b.CreatedAt),
            b.SentByName, b.SentAt is { } s ? Clock.Local(s) : null, b.ClosedAt is { } c ? Clock.Local(c) : null,
            entries.Select(e => new BatchEntryView(e.Id, e.Line, names.GetValueOrDefault(e.VillageCode, ""), e.PayeeName, BankAccount.Mask(e.AccountNumber),
                e.BankName, e.Amount.ToString(), e.Fen, e.State, Labels.Of(e.State), e.PaidOn?.ToString("yyyy-MM-dd"), e.BankReference, e.FailureReason,
                e.ReversalReason, e.Version, pay && e.CanBeReversed)).ToList(),
            pay && b.State == BatchState.Draft, pay && b.State == BatchState.Draft && counted.Count > 0, pay && b.State is BatchState.Sent or BatchState.Closed,
            pay && b.State == BatchState.Sent, pay, programme.SubsidyPerHousehold.ToString()));
    }

    /// <summary>The town's filed households with no live payment (those without an account too, to be told to register one), paged.</summary>
    public async Task<Outcome<CandidatePage>> Candidates(int page, CancellationToken ct)
    {
        if (!MayPay)
        {
            return Outcome<CandidatePage>.Forbidden(NotAllowed);
        }
        var programme = await ProgrammeAsync(ct);
        if (programme is null)
        {
            return Outcome<CandidatePage>.Invalid([new FieldError("", NoProgramme)]);
        }
        page = Math.Max(1, page);
        var query = db.Households.AsNoTracking().Within(me.Scope)
            .Where(h => h.ProgrammeId == programme.Id && h.Status == HouseholdStatus.Filed && !db.Payments.Any(p => p.LiveHouseholdId == h.Id));
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(h => h.VillageCode).ThenBy(h => h.HeadName).ThenBy(h => h.Id).Skip((page - 1) * CandidatePageSize).Take(CandidatePageSize)
            .Select(h => new
            {
                h.Id,
                h.VillageCode,
                h.HeadName,
                h.BankAccountName,
                h.BankAccountNumber,
                h.BankName,
                LastFailure = db.Payments.Where(p => p.HouseholdId == h.Id && p.State == PaymentState.Failed).OrderByDescending(p => p.SettledAt)
                    .Select(p => p.FailureReason).FirstOrDefault(),
            }).ToListAsync(ct);
        var names = await areas.NamesAsync(rows.Select(r => r.VillageCode).Distinct(), ct);
        return Outcome<CandidatePage>.Success(new CandidatePage(rows.Select(r => new Candidate(r.Id, names.GetValueOrDefault(r.VillageCode, ""), r.HeadName,
            r.BankAccountName, r.BankAccountNumber is null ? null : BankAccount.Mask(r.BankAccountNumber), r.BankName, r.BankAccountNumber is not null, r.LastFailure)).ToList(),
            total, page, CandidatePageSize, programme.SubsidyPerHousehold.ToString()));
    }

    public async Task<Outcome<Guid>> Create(NewBatchInput input, CancellationToken ct)
    {
        if (me.Actor is not { } actor || !MayPay)
        {
            return Outcome<Guid>.Forbidden(NotAllowed);
        }
        var title = PlainText.Clean(input.Title) ?? "";
        if (title.Length == 0 || title.Length > PaymentBatch.MaxTitleLength || PlainText.HasInvisible(title))
        {
            return Outcome<Guid>.Invalid([new FieldError("Title", $"请填写批次名称（不超过{PaymentBatch.MaxTitleLength}个字，不含不可见字符）")]);
        }
        var programme = await ProgrammeAsync(ct);
        var town = await TownPathAsync(actor.Scope.Code, ct);
        if (programme is null || town is null)
        {
            return Outcome<Guid>.Invalid([new FieldError("", NoProgramme)]);
        }
        // Numbers count per town: the next is read and taken under the town's lock, so batches created at once (two
        // clerks pressing 新建批次 together) each get their own number in turn, never a failed save.
        await using var transaction = await db.BeginLockedAsync("payment-batch-number:" + programme.Id + ":" + town.TownCode, ct);
        var number = (await db.PaymentBatches.Where(b => b.ProgrammeId == programme.Id && b.TownCode == town.TownCode).MaxAsync(b => (int?)b.Number, ct) ?? 0) + 1;
        var batch = new PaymentBatch(programme.Id, town, number, title, actor, clock.GetUtcNow());
        db.PaymentBatches.Add(batch);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Outcome<Guid>.Success(batch.Id);
    }

    /// <summary>Adds filed households of the town to a draft, each at the amount given (at least the subsidy), their accounts copied now.</summary>
    public async Task<Outcome<int>> Add(Guid id, AddEntriesInput input, CancellationToken ct)
    {
        if (me.Actor is not { } actor || !MayPay)
        {
            return Outcome<int>.Forbidden(NotAllowed);
        }
        var ids = input.HouseholdIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return Outcome<int>.Invalid([new FieldError("HouseholdIds", "请选择要加入批次的对象")]);
        }
        if (ids.Count > MaxEntriesPerAdd)
        {
            return Outcome<int>.Invalid([new FieldError("HouseholdIds", $"一次最多加入{MaxEntriesPerAdd}户")]);
        }
        var batch = await db.PaymentBatches.Within(me.Scope).FirstOrDefaultAsync(b => b.Id == id, ct);
        if (batch is null)
        {
            return Outcome<int>.NotFound();
        }
        var programme = await db.Programmes.FirstAsync(p => p.Id == batch.ProgrammeId, ct);
        var amount = programme.SubsidyPerHousehold;
        if (!string.IsNullOrWhiteSpace(input.Amount))
        {
            var parsed = Money.ParseYuan(input.Amount);
            if (!parsed.Ok)
            {
                return Outcome<int>.Invalid([new FieldError("Amount", parsed.Error!)]);
            }
            amount = parsed.Value;
        }
        var touched = batch.Touch();
        if (!touched.Succeeded)
        {
            return Outcome<int>.Refused(touched);
        }
        if (batch.Version - 1 != input.Version)
        {
            return Outcome<int>.Conflict(BatchChanged);
        }
        var households = new List<Household>();
        foreach (var chunk in ids.Chunk(500))
        {
            households.AddRange(await db.Households.Within(me.Scope).Where(h => chunk.Contains(h.Id)).ToListAsync(ct));
        }
        if (households.Count != ids.Count)
        {
            return Outcome<int>.NotFound();
        }
        var live = new HashSet<Guid>();
        foreach (var chunk in ids.Chunk(500))
        {
            live.UnionWith(await db.Payments.Where(p => p.LiveHouseholdId != null && chunk.Contains(p.LiveHouseholdId.Value)).Select(p => p.HouseholdId).ToListAsync(ct));
        }
        var errors = new List<FieldError>();
        foreach (var h in households)
        {
            if (h.ProgrammeId != batch.ProgrammeId || h.TownCode != batch.TownCode)
            {
                errors.Add(new FieldError("HouseholdIds", $"{h.HeadName}户不属于本批次的乡镇和项目"));
                continue;
            }
            var can = Payment.CanPay(h, amount, programme, MaxTimesSubsidy);
            if (!can.Succeeded)
            {
                return can.IsConflict ? Outcome<int>.Conflict(can.Errors[0].Message) : Outcome<int>.Refused(can);
            }
            if (live.Contains(h.Id))
            {
                return Outcome<int>.Conflict($"{h.HeadName}户：{AlreadyLive}");
            }
            if (h.BankAccountNumber is null)
            {
                errors.Add(new FieldError("HouseholdIds", $"{h.HeadName}户：请先登记银行账号"));
            }
        }
        if (errors.Count > 0)
        {
            return Outcome<int>.Invalid(errors);
        }
        var line = await db.Payments.Where(p => p.BatchId == id).MaxAsync(p => (int?)p.Line, ct) ?? 0;
        var at = clock.GetUtcNow();
        foreach (var h in households.OrderBy(h => h.VillageCode).ThenBy(h => h.HeadName))
        {
            db.Payments.Add(Payment.InBatch(h, batch, ++line, amount, programme.FundShares, actor, at));
        }
        db.Entry(batch).Property(b => b.Version).OriginalValue = input.Version;
        return await Save(batch.Version, ct);
    }

    /// <summary>Takes an entry out of a draft (it was never sent: the entry is deleted, the deletion audited).</summary>
    public async Task<Outcome<int>> Remove(Guid id, Guid paymentId, int version, CancellationToken ct)
    {
        if (!MayPay)
        {
            return Outcome<int>.Forbidden(NotAllowed);
        }
        var batch = await db.PaymentBatches.Within(me.Scope).FirstOrDefaultAsync(b => b.Id == id, ct);
        var payment = batch is null ? null : await db.Payments.FirstOrDefaultAsync(p => p.Id == paymentId && p.BatchId == id, ct);
        if (batch is null || payment is null)
        {
            return Outcome<int>.NotFound();
        }
        var touched = batch.Touch();
        if (!touched.Succeeded)
        {
            return Outcome<int>.Refused(touched);
        }
        if (batch.Version - 1 != version)
        {
            return Outcome<int>.Conflict(BatchChanged);
        }
        db.Payments.Remove(payment);
        db.Entry(batch).Property(b => b.Version).OriginalValue = version;
        return await Save(batch.Version, ct);
    }

    /// <summary>提交银行: the control totals are fixed, the entries become sent, and the batch is no longer edited.</summary>
    public async Task<Outcome<int>> Send(Guid id, int version, CancellationToken ct)
    {
        var (batch, refused) = await AtVersion(id, version, ct);
        if (batch is null)
        {
            return refused!;
        }
        // Under the district's funds lock, as allocations are: what the town commits is weighed against what it was given,
        // and no allocation reversal or other batch slips in between.
        await using var transaction = await db.BeginLockedAsync("funds:" + batch.DistrictCode, ct);
        // Read again under the lock: a send that went in while this one waited has changed the batch (409, not "empty").
        await db.Entry(batch).ReloadAsync(ct);
        if (batch.Version != version)
        {
            return Outcome<int>.Conflict(BatchChanged);
        }
        var entries = await db.Payments.Where(p => p.BatchId == id && p.State == PaymentState.Pending).ToListAsync(ct);
        var within = await TownCommitment.CheckAsync(db, areas, batch.ProgrammeId, batch.TownCode, entries.SelectMany(e => e.Parts).ToList(), ct);
        if (!within.Succeeded)
        {
            return Outcome<int>.Refused(within);
        }
        var sent = batch.Send(entries.Count, new Money(entries.Sum(e => e.Fen)), me.DisplayName, clock.GetUtcNow());
        if (!sent.Succeeded)
        {
            return Outcome<int>.Refused(sent);
        }
        entries.ForEach(e => e.MarkSent());
        db.Entry(batch).Property(b => b.Version).OriginalValue = version;
        var saved = await Save(batch.Version, ct);
        if (saved.Ok)
        {
            await transaction.CommitAsync(ct);
        }
        return saved;
    }

    /// <summary>作废 a draft: its entries are deleted, the households free for another batch.</summary>
    public async Task<Outcome<int>> Cancel(Guid id, int version, CancellationToken ct)
    {
        var (batch, refused) = await AtVersion(id, version, ct);
        if (batch is null)
        {
            return refused!;
        }
        var cancelled = batch.Cancel();
        if (!cancelled.Succeeded)
        {
            return Outcome<int>.Refused(cancelled);
        }
        db.Payments.RemoveRange(await db.Payments.Where(p => p.BatchId == id && p.State == PaymentState.Pending).ToListAsync(ct));
        db.Entry(batch).Property(b => b.Version).OriginalValue = version;
        return await Save(batch.Version, ct);
    }

    /// <summary>The town's batch for a change, as the user last saw it (its version), or why not.</summary>
    private async Task<(PaymentBatch? Batch, Outcome<int>? Refused)> AtVersion(Guid id, int version, CancellationToken ct)
    {
        if (!MayPay)
        {
            return (null, Outcome<int>.Forbidden(NotAllowed));
        }
        var batch = await db.PaymentBatches.Within(me.Scope).FirstOrDefaultAsync(b => b.Id == id, ct);
        return batch is null ? (null, Outcome<int>.NotFound())
            : batch.Version != version ? (null, Outcome<int>.Conflict(BatchChanged))
            : (batch, null);
    }

    private async Task<Outcome<int>> Save(int version, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<int>.Conflict(BatchChanged);
        }
        catch (DbUpdateException e) when (IsLiveHousehold(e))
        {
            return Outcome<int>.Conflict(AlreadyLive);
        }
        return Outcome<int>.Success(version);
    }

    /// <summary>True when saving failed on the one-live-payment-per-household index (two payments of a household raced).</summary>
    public static bool IsLiveHousehold(DbUpdateException e) =>
        e.InnerException?.Message is { } m && (m.Contains("IX_Payments_LiveHouseholdId", StringComparison.Ordinal) || m.Contains("Payments.LiveHouseholdId", StringComparison.Ordinal));

    private async Task<Programme?> ProgrammeAsync(CancellationToken ct) =>
        await areas.DistrictOfAsync(me.Scope, ct) is { } district ? await HouseholdChecks.CurrentProgrammeAsync(db, district, clock.Today(), ct) : null;

    /// <summary>The town's path up to the region (a batch carries the codes its readers are scoped by).</summary>
    private async Task<AreaPath?> TownPathAsync(string townCode, CancellationToken ct)
    {
        var codes = new List<string>();
        for (string? code = townCode; code is not null && codes.Count < 4;)
        {
            codes.Add(code);
            code = await db.Areas.AsNoTracking().Where(a => a.Code == code).Select(a => a.ParentCode).FirstOrDefaultAsync(ct);
        }
        return codes.Count == 4 ? new AreaPath(codes[3], codes[2], codes[1], codes[0], "") : null;
    }

    public const string NotAllowed = "资金发放批次由镇党委办理";
    private const string NoProgramme = "本区尚未配置当前帮扶项目，请联系区残联";
    public const string BatchChanged = "该批次刚有变动（可能已在别处修改或提交），请刷新页面查看后再操作";
}
