using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Documents;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Households;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Survey;

public sealed record Attachment1File(string FileName, string Heading, IReadOnlyList<Attachment1Row> Rows);

/// <summary>A town's 附件1 as .xlsx: every household of the town on the register this year except withdrawn ones, by village.</summary>
public sealed class ExportAttachment1(TongxingDb db, CurrentUser me, AreaDirectory areas, TimeProvider clock)
{
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
        var households = await db.Households.AsNoTracking().Include(h => h.Members)
            .Where(h => h.ProgrammeId == programme.Id && h.TownCode == townArea.Code && h.Status != HouseholdStatus.Withdrawn)
            .OrderBy(h => h.VillageCode).ThenBy(h => h.HeadName).ThenBy(h => h.Id)
            .ToListAsync(ct);
        var rows = households.Select((h, i) => Attachment1.RowOf(i + 1, h, villages.GetValueOrDefault(h.VillageCode, ""))).ToList();
        db.Audit("导出", "附件1", townArea.Code, details: $"{townArea.Name}帮扶对象汇总表，{rows.Count}户");
        await db.SaveChangesAsync(ct);
        var today = clock.Today();
        var heading = $"{programme.Name}　填报单位：{townArea.Name}　填报日期：{today:yyyy年M月d日}　共{rows.Count}户";
        return Outcome<Attachment1File>.Success(new Attachment1File($"附件1_帮扶对象汇总表_{townArea.Name}_{today:yyyyMMdd}.xlsx", heading, rows));
    }
}
