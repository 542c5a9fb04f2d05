using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Households;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Ledger;

public sealed class LedgerQuery
{
    public string? Town { get; set; }
    public string? Village { get; set; }
    public HouseholdStatus? Status { get; set; }
    public int? Page { get; set; }
}

/// <summary>One row of the work ledger (工作台账): a household and the date it reached each step of the year.</summary>
public sealed record LedgerRow(Guid Id, string Village, string HeadName, string HeadId, string Screening, string Status,
    string? Proposed, string? Submitted, string? Accepted, string? Notice, string? NoticePassed, string? Applied,
    string? VillageApproved, string? TownApproved, string? DistrictApproved, string? Filed,
    string? PaidAmount = null, string? PaidMethod = null, string? PaidOn = null, string? Receipt = null, string? ProjectStarted = null);

/// <summary>A ledger export: how many rows, and the rows as they are read.</summary>
/// <param name="Heading">The sheet's heading line: the unit, the date, what the filters select and the count.</param>
public sealed record LedgerExportRows(int Total, IAsyncEnumerable<LedgerRow> Rows, string Heading);

public sealed record TownDeadline(string TownName, int OnTime, int Late, int Pending, string Deadline, bool Overdue);

public sealed record LedgerPage(IReadOnlyList<LedgerRow> Rows, int Total, int Page, int PageCount, IReadOnlyList<AreaOption> Towns, IReadOnlyList<AreaOption> Villages,
    IReadOnlyList<TownDeadline> Deadlines);

/// <summary>
/// The work ledger of a town (or of the district): one row per household with the date of each phase, filterable,
/// paged in SQL, exportable; and per town how the approval deadline (附件2 to the district) stands.
/// </summary>
public sealed class WorkLedger(TongxingDb db, CurrentUser me, AreaDirectory areas, TimeProvider clock)
{
    public const int PageSize = 50;

    private static readonly HouseholdStatus[] Milestones =
    [
        HouseholdStatus.Proposed, HouseholdStatus.SubmittedByTown, HouseholdStatus.ReviewedByDistrict, HouseholdStatus.OnNotice, HouseholdStatus.NoticePassed,
        HouseholdStatus.Applied, HouseholdStatus.ApprovedByVillage, HouseholdStatus.ApprovedByTown, HouseholdStatus.ApprovedByDistrict, HouseholdStatus.Filed,
    ];

    public async Task<Outcome<LedgerPage>> Handle(LedgerQuery query, CancellationToken ct)
    {
        if (!me.Can(Capability.ViewHouseholds) || me.Scope is null)
        {
            return Outcome<LedgerPage>.Forbidden("您的岗位无权查看工作台账");
        }
        var households = Ordered(query);
        var total = await households.CountAsync(ct);
        var page = Math.Clamp(query.Page ?? 1, 1, int.MaxValue / PageSize);
        var rows = await RowsAsync(households.Skip((page - 1) * PageSize).Take(PageSize), ct);
        var within = await areas.WithinAsync(me.Scope, ct);
        return Outcome<LedgerPage>.Success(new LedgerPage(rows, total, page, Math.Max(1, (total + PageSize - 1) / PageSize),
            within.Where(a => a.Level == AreaLevel.Town).Select(a => new AreaOption(a.Code, a.Name, a.ParentCode)).ToList(),
            within.Where(a => a.Level == AreaLevel.Village).Select(a => new AreaOption(a.Code, a.Name, a.ParentCode)).ToList(),
            await DeadlinesAsync(within, ct)));
    }

    /// <summary>
    /// Every row of the ledger for export, read from the database a chunk at a time as the workbook is written, so the
    /// memory an export takes does not grow with the number of households (benchmark 3 of issue #6).
    /// </summary>
    public async Task<Outcome<LedgerExportRows>> Export(LedgerQuery query, CancellationToken ct)
    {
        if (!me.Can(Capability.ViewHouseholds) || me.Scope is null)
        {
            return Outcome<LedgerExportRows>.Forbidden("您的岗位无权查看工作台账");
        }
        var households = Filtered(query);
        var total = await households.CountAsync(ct);
        var names = await areas.NamesAsync(new[] { me.Scope.Code, query.Town, query.Village }.OfType<string>(), ct);
        var filters = new[] { query.Town, query.Village }.OfType<string>().Where(c => c.Length > 0).Select(c => names.GetValueOrDefault(c, c))
            .Concat(query.Status is { } st ? [Labels.Of(st)] : []).ToList();
        var heading = $"单位：{names.GetValueOrDefault(me.Scope.Code, me.Scope.Code)}　制表日期：{clock.Today():yyyy年M月d日}　"
            + (filters.Count == 0 ? "全部帮扶对象" : "筛选：" + string.Join("、", filters)) + $"　共{total}户";
        db.Audit("导出", "工作台账", me.Scope.Code, details: $"{total}户");
        await db.SaveChangesAsync(ct);
        return Outcome<LedgerExportRows>.Success(new LedgerExportRows(total, Chunks(households, ct), heading));
    }

    /// <summary>The ledger rows of <paramref name="households"/> in list order, read a chunk at a time.</summary>
    public async IAsyncEnumerable<LedgerRow> Chunks(IQueryable<Household> households, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var ids in households.IdChunks(ExportChunk, ct))
        {
            var rows = (await RowsAsync(db.Households.AsNoTracking().Where(h => ids.Contains(h.Id)), ct)).ToDictionary(r => r.Id);
            foreach (var id in ids)
            {
                yield return rows[id];
            }
        }
    }

    private const int ExportChunk = 1000;

    private IQueryable<Household> Filtered(LedgerQuery query) =>
        db.Households.AsNoTracking().Within(me.Scope).Filter(query.Town, query.Village, query.Status);

    private IOrderedQueryable<Household> Ordered(LedgerQuery query) =>
        Filtered(query).OrderBy(h => h.VillageCode).ThenBy(h => h.HeadName).ThenBy(h => h.Id);

    /// <summary>The ledger rows of one page or chunk of households: their names and the date each step was reached.</summary>
    private async Task<List<LedgerRow>> RowsAsync(IQueryable<Household> page, CancellationToken ct)
    {
        var rows = await page.Select(h => new { h.Id, h.TownCode, h.VillageCode, h.HeadName, h.HeadIdNumber, h.Screening, h.Status }).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var events = new List<(Guid HouseholdId, HouseholdStatus To, DateTimeOffset At, int Seq)>();
        foreach (var chunk in ids.Chunk(500))
        {
            var found = await db.HouseholdEvents.AsNoTracking().Where(e => chunk.Contains(e.HouseholdId) && (e.From == null || e.From != e.To))
                .Select(e => new { e.HouseholdId, e.To, e.At, e.Seq }).ToListAsync(ct);
            events.AddRange(found.Select(e => (e.HouseholdId, e.To, e.At, e.Seq)));
        }
        var latest = events.GroupBy(e => (e.HouseholdId, e.To)).ToDictionary(g => g.Key, g => g.MaxBy(e => e.Seq).At);
        // The live paid payment (at most one per household, by the unique index) and the project start, a chunk at a time.
        var paid = new Dictionary<Guid, (long Fen, PaymentMethod Method, DateOnly? On, ReceiptKind? Receipt)>();
        var started = new Dictionary<Guid, DateOnly>();
        foreach (var chunk in ids.Chunk(500))
        {
            foreach (var p in await db.Payments.AsNoTracking().Where(p => p.LiveHouseholdId != null && chunk.Contains(p.LiveHouseholdId.Value) && p.State == PaymentState.Paid)
                .Select(p => new { p.HouseholdId, p.Fen, p.Method, p.PaidOn, p.ReceiptKind }).ToListAsync(ct))
            {
                paid[p.HouseholdId] = (p.Fen, p.Method, p.PaidOn, p.ReceiptKind);
            }
            foreach (var s in await db.ProjectStarts.AsNoTracking().Where(s => chunk.Contains(s.HouseholdId)).Select(s => new { s.HouseholdId, s.StartedOn }).ToListAsync(ct))
            {
                started[s.HouseholdId] = s.StartedOn;
            }
        }
        string? When(Guid id, HouseholdStatus s) => latest.TryGetValue((id, s), out var at) ? Clock.Local(at)[..10] : null;
        var names = await areas.NamesAsync(rows.Select(r => r.VillageCode), ct);
        return rows.Select(r => new LedgerRow(r.Id, names.GetValueOrDefault(r.VillageCode, ""), r.HeadName, ResidentId.Mask(r.HeadIdNumber),
            r.Screening is { } s ? Labels.Of(s) : "未筛查", Labels.Of(r.Status),
            When(r.Id, Milestones[0]), When(r.Id, Milestones[1]), When(r.Id, Milestones[2]), When(r.Id, Milestones[3]), When(r.Id, Milestones[4]),
            When(r.Id, Milestones[5]), When(r.Id, Milestones[6]), When(r.Id, Milestones[7]), When(r.Id, Milestones[8]), When(r.Id, Milestones[9]),
            paid.TryGetValue(r.Id, out var p) ? new Money(p.Fen).ToYuanString() : null, p.Fen > 0 ? Labels.Of(p.Method) : null, p.On?.ToString("yyyy-MM-dd"),
            p.Fen > 0 ? (p.Receipt is { } k ? Labels.Of(k) : "未签收") : null,
            started.TryGetValue(r.Id, out var start) ? start.ToString("yyyy-MM-dd") : null)).ToList();
    }

    /// <summary>Per town: households the town committee approved by the approval deadline, after it, or not yet.</summary>
    private async Task<IReadOnlyList<TownDeadline>> DeadlinesAsync(IReadOnlyList<Area> within, CancellationToken ct)
    {
        var district = await areas.DistrictOfAsync(me.Scope, ct);
        var programme = district is null ? null : await HouseholdChecks.CurrentProgrammeAsync(db, district, clock.Today(), ct);
        if (programme?.Phase(ProgrammePhase.Approval)?.Deadline is not { } deadline)
        {
            return [];
        }
        var today = clock.Today();
        // The deadline is a China date: anything approved before the next day's midnight in Beijing counts as on time.
        var cutoff = new DateTimeOffset(deadline.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)).ToUniversalTime();
        // One grouped count per town: approved by the town committee, of which after the deadline, and all.
        var counts = await db.Households.AsNoTracking().Within(me.Scope)
            .Where(h => h.ProgrammeId == programme.Id && h.Status >= HouseholdStatus.ReviewedByDistrict && h.Status <= HouseholdStatus.Assessed)
            .GroupBy(h => h.TownCode)
            .Select(g => new
            {
                Town = g.Key,
                Done = g.Count(h => h.TownApprovedAt != null),
                Late = g.Count(h => h.TownApprovedAt != null && h.TownApprovedAt >= cutoff),
                All = g.Count(),
            }).ToListAsync(ct);
        var towns = me.Scope!.Level == AreaLevel.Village ? [] : within.Where(a => a.Level == AreaLevel.Town).ToList();
        return towns.Select(t =>
        {
            var c = counts.FirstOrDefault(x => x.Town == t.Code);
            var l = c?.Late ?? 0;
            var pending = (c?.All ?? 0) - (c?.Done ?? 0);
            var onTime = (c?.Done ?? 0) - l;
            return new TownDeadline(t.Name, onTime, l, pending, Deadlines.DescribeCount(deadline, today, onTime, l, pending), l > 0 || (pending > 0 && today > deadline));
        }).ToList();
    }
}
