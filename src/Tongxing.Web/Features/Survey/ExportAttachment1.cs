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

/// <summary>A town's 附件1 as .xlsx: every household of the town on the register this year except withdrawn ones, by village.</summary>
public sealed class ExportAttachment1(TongxingDb db, CurrentUser me, AreaDirectory areas, TimeProvider clock)
{
    private const int Chunk = 1000;

    public async Task<Outcome<Attachment1File>> Handle(string? town, CancellationToken ct)
    {
        if (!me.Can(Capability.ViewFullPersonalData) || me.Scope is null || me.Scope.Level == AreaLevel.Village)
        {
            // 附件1 carries full ID and certificate numbers: only the offices that handle them export it.
            return Outcome<Attachment1File>.Forbidden("汇总表（附件1）含完整个人信息，由乡镇和区残联导出");
        }
        town = me.Scope.Level == AreaLevel.Town ? me.Scope.Code : town;
        var within = await areas.WithinAsync(me.Scope, ct);
        var townArea = within.FirstOrDefault(a => a.Code == town && a.Level == AreaLevel.Town);
        if (townArea is null)
        {
            return Outcome<Attachment1File>.NotFound();
        }
        var programme = await HouseholdChecks.CurrentProgrammeAsync(db, (await areas.DistrictOfAsync(me.Scope, ct))!, ct);
        if (programme is null)
        {
            return Outcome<Attachment1File>.NotFound();
        }
        var villages = within.Where(a => a.ParentCode == townArea.Code).ToDictionary(a => a.Code, a => a.Name);
        var households = db.Households.AsNoTracking()
            .Where(h => h.ProgrammeId == programme.Id && h.TownCode == townArea.Code && h.Status != HouseholdStatus.Withdrawn);
        var count = await households.CountAsync(ct);
        db.Audit("导出", "附件1", townArea.Code, details: $"{townArea.Name}帮扶对象汇总表，{count}户");
        await db.SaveChangesAsync(ct);
        var today = clock.Today();
        var heading = $"{programme.Name}　填报单位：{townArea.Name}　填报日期：{today:yyyy年M月d日}　共{count}户";
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
