using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Documents;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Households;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Survey;

/// <summary>A town's 附件1 to write: its rows are read from the database a chunk at a time while the workbook is written.</summary>
public sealed record Attachment1File(string FileName, string Heading, IAsyncEnumerable<Attachment1Row> Rows);

/// <summary>
/// Which households a 附件1 export holds: by default what the town submitted to the district; with <see cref="Filtered"/>,
/// what the household list shows under the same filters (village, status, screening result, search).
/// </summary>
public sealed class Attachment1Query
{
    public string? Town { get; set; }
    /// <summary>The list's filters instead of the town's submission.</summary>
    public bool? Filtered { get; set; }
    public string? Village { get; set; }
    public HouseholdStatus? Status { get; set; }
    public ScreeningOutcome? Screening { get; set; }
    public string? Q { get; set; }
}

/// <summary>
/// A town's 附件1 as .xlsx, the table the district reviews: the households the town submitted (regular and 备选, and those
/// the district has accepted since — a returned household leaves its submission; not those withdrawn), or what the
/// list's filters select; by village.
/// </summary>
public sealed class ExportAttachment1(TongxingDb db, CurrentUser me, AreaDirectory areas, TimeProvider clock)
{
    private const int Chunk = 1000;

    public Task<Outcome<Attachment1File>> Handle(string? town, CancellationToken ct) => Handle(new Attachment1Query { Town = town }, ct);

    public async Task<Outcome<Attachment1File>> Handle(Attachment1Query query, CancellationToken ct)
    {
        if (!me.Can(Capability.ViewFullPersonalData) || me.Scope is null || me.Scope.Level == AreaLevel.Village)
        {
            // 附件1 carries full ID and certificate numbers: only the offices that handle them export it.
            return Outcome<Attachment1File>.Forbidden("汇总表（附件1）含完整个人信息，由乡镇和区残联导出");
        }
        var town = me.Scope.Level == AreaLevel.Town ? me.Scope.Code : query.Town;
        var within = await areas.WithinAsync(me.Scope, ct);
        var townArea = within.FirstOrDefault(a => a.Code == town && a.Level == AreaLevel.Town);
        if (townArea is null)
        {
            return Outcome<Attachment1File>.NotFound();
        }
        var programme = await HouseholdChecks.CurrentProgrammeAsync(db, (await areas.DistrictOfAsync(me.Scope, ct))!, clock.Today(), ct);
        if (programme is null)
        {
            return Outcome<Attachment1File>.NotFound();
        }
        var villages = within.Where(a => a.ParentCode == townArea.Code).ToDictionary(a => a.Code, a => a.Name);
        var inTown = db.Households.AsNoTracking().Where(h => h.ProgrammeId == programme.Id && h.TownCode == townArea.Code);
        IQueryable<Household> households;
        string selection;
        if (query.Filtered == true)
        {
            // A search the list refuses is left out, as the list then shows the rows without it.
            var term = HouseholdSearch.Parse(query.Q);
            var searched = HouseholdSearch.Refusal(term, true) is null;
            households = inTown.Filter(null, query.Village, query.Status).Search(db.Members, searched ? term : null);
            if (query.Screening is { } screening)
            {
                households = households.Where(h => h.Screening == screening);
            }
            var filters = new[]
            {
                query.Village is { Length: > 0 } v ? villages.GetValueOrDefault(v, v) : null,
                query.Status is { } st ? Labels.Of(st) : null,
                query.Screening is { } sc ? Labels.Of(sc) : null,
                searched && PlainText.Clean(query.Q) is { Length: > 0 } q ? $"查询“{TextCut.Shorten(q, 21)}”" : null,
            }.OfType<string>().ToList();
            selection = filters.Count == 0 ? "全镇名单" : "名单筛选：" + string.Join("、", filters);
        }
        else
        {
            households = inTown.Where(h => h.SubmissionId != null && h.Status != HouseholdStatus.Withdrawn);
            selection = "已报送区残联";
        }
        var counts = await households.GroupBy(h => h.IsReserve).Select(g => new { Reserve = g.Key, Count = g.Count() }).ToListAsync(ct);
        var count = counts.Sum(c => c.Count);
        var reserves = counts.Where(c => c.Reserve).Sum(c => c.Count);
        db.Audit("导出", "附件1", townArea.Code, details: $"{townArea.Name}帮扶对象汇总表（{selection}），{count}户");
        await db.SaveChangesAsync(ct);
        var today = clock.Today();
        var heading = $"{programme.Name}　填报单位：{townArea.Name}　填报日期：{today:yyyy年M月d日}　{selection}　共{count}户"
            + (reserves > 0 ? $"（其中备选{reserves}户）" : "");
        return Outcome<Attachment1File>.Success(new Attachment1File($"附件1_帮扶对象汇总表_{townArea.Name}_{today:yyyyMMdd}.xlsx", heading,
            Rows(households, villages, ct)));
    }

    /// <summary>The rows in list order, read a chunk of households (with their members) at a time.</summary>
    public async IAsyncEnumerable<Attachment1Row> Rows(IQueryable<Household> households, IReadOnlyDictionary<string, string> villages,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var number = 0;
        await foreach (var ids in households.IdChunks(Chunk, ct))
        {
            var chunk = await db.Households.AsNoTracking().Include(h => h.Members).Where(h => ids.Contains(h.Id)).ToDictionaryAsync(h => h.Id, ct);
            foreach (var id in ids)
            {
                yield return Attachment1.RowOf(++number, chunk[id], villages.GetValueOrDefault(chunk[id].VillageCode, ""));
            }
        }
    }
}
