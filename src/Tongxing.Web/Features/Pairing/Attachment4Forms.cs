using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Documents;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Pairing;

/// <summary>A town's standing on its 一户一表: households due one, and how many lack a helper, a signed agreement, a support log or an outcome.</summary>
public sealed record Attachment4Town(string TownCode, string TownName, int Households, int Paired, int NoHelper, int NoAgreement, int NoSupportLog, int NoOutcome,
    int Incomplete, string Standing, bool Overdue);

public sealed record Attachment4View(string ProgrammeName, string? Deadline, IReadOnlyList<Attachment4Town> Towns, bool PicksTown);

/// <summary>A download ready to write: the town's name for the file, and the writer that streams the workbook.</summary>
public sealed record Attachment4Export(string FileName, Func<Stream, CancellationToken, Task> Write);

/// <summary>
/// 附件4 一户一表: each filed household of a town on one printed sheet (paired or not yet — a missing helper shows),
/// for the town's offices and the district's that see households (a district picks the town). The page lists each
/// town's missing pieces against the pairing deadline (27 May in the demo), counted in SQL. Every download and every
/// printed sheet is audited; ID numbers are masked for offices without full personal data, helpers' phones likewise.
/// </summary>
public sealed class Attachment4Forms(TongxingDb db, CurrentUser me, AreaDirectory areas, TimeProvider clock)
{
    private const int Chunk = 50;

    private bool MayRead => me.Can(Capability.ViewHouseholds) && me.Scope is { Level: AreaLevel.District or AreaLevel.Town };

    private static readonly HouseholdStatus[] Due = [HouseholdStatus.Filed, HouseholdStatus.Paid, HouseholdStatus.Paired];

    public async Task<Outcome<Attachment4View>> Towns(CancellationToken ct)
    {
        if (!MayRead)
        {
            return Outcome<Attachment4View>.Forbidden("一户一表由乡镇或区级部门查看和导出");
        }
        var programme = await ProgrammeAsync(ct);
        if (programme is null)
        {
            return Outcome<Attachment4View>.Success(new Attachment4View("", null, [], me.Scope!.Level == AreaLevel.District));
        }
        var rows = await FiledHouseholds(programme.Id)
            .Select(h => new
            {
                h.TownCode,
                Paired = h.HelperCount > 0 ? 1 : 0,
                NoHelper = h.HelperCount == 0 ? 1 : 0,
                NoAgreement = db.Pairings.Any(p => p.HouseholdId == h.Id && p.EndedOn == null && p.AgreementStoredName == null) ? 1 : 0,
                NoLog = db.SupportLogs.Any(l => l.HouseholdId == h.Id) ? 0 : 1,
                NoOutcome = db.HouseholdOutcomes.Any(o => o.HouseholdId == h.Id) ? 0 : 1,
            })
            .Select(x => new { x.TownCode, x.Paired, x.NoHelper, x.NoAgreement, x.NoLog, x.NoOutcome, Incomplete = x.NoHelper + x.NoAgreement + x.NoLog + x.NoOutcome > 0 ? 1 : 0 })
            .GroupBy(x => x.TownCode)
            .Select(g => new
            {
                g.Key,
                Count = g.Count(),
                Paired = g.Sum(x => x.Paired),
                NoHelper = g.Sum(x => x.NoHelper),
                NoAgreement = g.Sum(x => x.NoAgreement),
                NoLog = g.Sum(x => x.NoLog),
                NoOutcome = g.Sum(x => x.NoOutcome),
                Incomplete = g.Sum(x => x.Incomplete),
            })
            .ToListAsync(ct);
        var names = await areas.NamesAsync(rows.Select(r => r.Key), ct);
        var deadline = programme.Phase(ProgrammePhase.Pairing)?.Deadline;
        var today = clock.Today();
        var towns = rows.OrderBy(r => r.Key).Select(r =>
        {
            var standing = DeadlineStanding.Of(deadline, today, r.Incomplete);
            return new Attachment4Town(r.Key, names.GetValueOrDefault(r.Key, r.Key), r.Count, r.Paired, r.NoHelper, r.NoAgreement, r.NoLog, r.NoOutcome, r.Incomplete,
                r.Incomplete == 0 ? "一户一表已齐全" : standing.Text, standing.DaysOverdue > 0);
        }).ToList();
        return Outcome<Attachment4View>.Success(new Attachment4View(programme.Name, deadline?.ToString("yyyy-MM-dd"), towns, me.Scope!.Level == AreaLevel.District));
    }

    /// <summary>The town's workbook, ready to stream; the download is audited here.</summary>
    public async Task<Outcome<Attachment4Export>> Workbook(string? town, CancellationToken ct)
    {
        if (!MayRead)
        {
            return Outcome<Attachment4Export>.Forbidden("一户一表由乡镇或区级部门查看和导出");
        }
        if (me.Scope!.Level == AreaLevel.Town && town != me.Scope.Code)
        {
            return Outcome<Attachment4Export>.NotFound();
        }
        var programme = await ProgrammeAsync(ct);
        if (string.IsNullOrEmpty(town) || programme is null)
        {
            return Outcome<Attachment4Export>.NotFound();
        }
        var households = FiledHouseholds(programme.Id).Where(h => h.TownCode == town);
        var count = await households.CountAsync(ct);
        if (count == 0)
        {
            return await db.Households.Within(me.Scope).AnyAsync(h => h.TownCode == town, ct)
                ? Outcome<Attachment4Export>.Invalid([new FieldError("", "该镇尚无备案对象，没有一户一表")])
                : Outcome<Attachment4Export>.NotFound();
        }
        var names = await areas.NamesAsync([programme.DistrictCode, town], ct);
        db.Audit("导出", "附件4", town, details: $"{names.GetValueOrDefault(town)}一户一表，{count}户");
        await db.SaveChangesAsync(ct);
        var context = await ContextAsync(programme, town, ct);
        return Outcome<Attachment4Export>.Success(new Attachment4Export($"附件4_一户一表_{names.GetValueOrDefault(town, town)}.xlsx",
            (stream, token) => Attachment4Workbook.WriteAsync(stream, Sheets(households, context, token), token)));
    }

    /// <summary>One household's sheet for printing (audited: it shows the household's personal data).</summary>
    public async Task<Outcome<Attachment4Household>> Sheet(Guid householdId, CancellationToken ct)
    {
        if (!me.Can(Capability.ViewHouseholds))
        {
            return Outcome<Attachment4Household>.Forbidden("您的岗位无权查看一户一表");
        }
        var h = await db.Households.AsNoTracking().Within(me.Scope).Where(x => x.Id == householdId).Select(x => new { x.Id, x.ProgrammeId, x.TownCode, x.HeadName })
            .FirstOrDefaultAsync(ct);
        if (h is null)
        {
            return Outcome<Attachment4Household>.NotFound();
        }
        var programme = await db.Programmes.AsNoTracking().FirstAsync(p => p.Id == h.ProgrammeId, ct);
        var sheet = (await LoadAsync([h.Id], await ContextAsync(programme, h.TownCode, ct), ct)).Single();
        db.Audit("查看", "附件4", h.Id.ToString(), details: $"{h.HeadName}户一户一表");
        await db.SaveChangesAsync(ct);
        return Outcome<Attachment4Household>.Success(sheet);
    }

    private sealed record SheetContext(Programme Programme, string Title, IReadOnlyDictionary<string, string> Names, bool FullData);

    private async Task<SheetContext> ContextAsync(Programme programme, string town, CancellationToken ct)
    {
        var villages = await db.Areas.AsNoTracking().Where(a => a.ParentCode == town).Select(a => a.Code).ToListAsync(ct);
        var names = await areas.NamesAsync(villages.Append(town).Append(programme.DistrictCode), ct);
        var title = $"{names.GetValueOrDefault(programme.DistrictCode)}{names.GetValueOrDefault(town)}{programme.Year}年开展“党员扶残温暖同行”工程一户一表";
        return new SheetContext(programme, title, names, me.Can(Capability.ViewFullPersonalData));
    }

    private async IAsyncEnumerable<Attachment4Household> Sheets(IQueryable<Household> households, SheetContext context, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var ids in households.IdChunks(Chunk, ct))
        {
            foreach (var sheet in await LoadAsync(ids, context, ct))
            {
                yield return sheet;
            }
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>The sheets of a few households, in the order of <paramref name="ids"/>: a handful of queries per chunk, not per household.</summary>
    private async Task<List<Attachment4Household>> LoadAsync(Guid[] ids, SheetContext c, CancellationToken ct)
    {
        var households = await db.Households.AsNoTracking().Include(h => h.Members).Where(h => ids.Contains(h.Id)).ToListAsync(ct);
        var payments = (await db.Payments.AsNoTracking().Where(p => ids.Contains(p.HouseholdId) && p.State == PaymentState.Paid)
            .Select(p => new { p.HouseholdId, p.Fen, p.PaidOn, p.Method }).ToListAsync(ct)).GroupBy(p => p.HouseholdId).ToDictionary(g => g.Key, g => g.First());
        var helpers = (await (from p in db.Pairings.AsNoTracking()
                              join x in db.Helpers.AsNoTracking() on p.HelperId equals x.Id
                              where ids.Contains(p.HouseholdId) && p.EndedOn == null
                              orderby p.StartedOn
                              select new { p.HouseholdId, x.Name, x.Kind, x.Phone, p.StartedOn, p.AgreementStoredName, p.AgreementSignedOn }).ToListAsync(ct))
            .ToLookup(p => p.HouseholdId);
        var totals = (await db.SupportLogs.AsNoTracking().Where(l => ids.Contains(l.HouseholdId)).GroupBy(l => l.HouseholdId)
            .Select(g => new { g.Key, Count = g.Count(), Money = g.Sum(l => l.MoneyFen ?? 0) }).ToListAsync(ct)).ToDictionary(t => t.Key);
        // The latest logs of each: a year's logs of a chunk of households are a few thousand short rows at most.
        var logs = (await db.SupportLogs.AsNoTracking().Where(l => ids.Contains(l.HouseholdId)).OrderByDescending(l => l.On).ThenByDescending(l => l.RecordedAt)
            .Select(l => new { l.HouseholdId, l.On, l.Kind, l.Content, l.MoneyFen, l.Goods }).ToListAsync(ct)).ToLookup(l => l.HouseholdId);
        var outcomes = await db.HouseholdOutcomes.AsNoTracking().Where(o => ids.Contains(o.HouseholdId)).ToDictionaryAsync(o => o.HouseholdId, ct);
        var byId = households.ToDictionary(h => h.Id);
        return ids.Where(byId.ContainsKey).Select(id =>
        {
            var h = byId[id];
            var head = h.Members.Single(m => m.Relation == Relation.Head);
            // A viewer without full personal data sees neither an age (it gives the birth year back) nor a disability's
            // kind and grade, as on the household page.
            var disabled = h.Members.Where(m => m.IsDisabled).OrderBy(m => m.Relation).Select(m =>
                (m.Relation == Relation.Head ? "" : m.Name + "：") + (c.FullData ? Labels.Of(m.DisabilityCategory!.Value) + Labels.Grade(m.DisabilityGrade ?? 0) : "已登记残疾"));
            var age = c.Programme.ReferenceDate.Year - head.BirthDate.Year - (c.Programme.ReferenceDate < head.BirthDate.AddYears(c.Programme.ReferenceDate.Year - head.BirthDate.Year) ? 1 : 0);
            var paid = payments.GetValueOrDefault(id);
            var o = outcomes.GetValueOrDefault(id);
            var start = o?.IncomeAtStartFen ?? h.PerCapitaIncome.Fen;
            var total = totals.GetValueOrDefault(id);
            var skills = string.Join("、", new[] { o?.Skill1, o?.Skill2 }.OfType<string>());
            return new Attachment4Household(h.Id, c.Title, c.Names.GetValueOrDefault(h.TownCode, "") + c.Names.GetValueOrDefault(h.VillageCode, ""), h.HeadName,
                Labels.Of(head.Gender), c.FullData ? age + "岁" : "—", c.FullData ? head.IdNumber : ResidentId.Mask(head.IdNumber),
                string.Join("；", disabled) is { Length: > 0 } d ? d : "—", h.Address ?? "—", h.Size,
                Labels.Of(h.ProjectType) + (string.IsNullOrWhiteSpace(h.ProjectDescription) ? "" : "：" + h.ProjectDescription),
                paid?.Fen, paid?.PaidOn?.ToString("yyyy-MM-dd"), paid is null ? null : Labels.Of(paid.Method),
                helpers[id].Select(x => new Attachment4Helper(x.Name, PairingLabels.Of(x.Kind), c.FullData ? x.Phone : UserAdministration.MaskPhone(x.Phone),
                    x.StartedOn.ToString("yyyy-MM-dd"), x.AgreementStoredName is null ? "未签订" : $"已签订（{x.AgreementSignedOn:yyyy-MM-dd}）")).ToList(),
                logs[id].Take(Attachment4Workbook.LogRows).Select(l => new Attachment4Log(l.On.ToString("yyyy-MM-dd"), PairingLabels.Of(l.Kind), c.FullData ? l.Content : AuditReading.MaskText(l.Content), l.MoneyFen, l.Goods is null || c.FullData ? l.Goods : AuditReading.MaskText(l.Goods))).ToList(),
                total?.Count ?? 0, total?.Money ?? 0, skills.Length > 0 ? skills : "未登记",
                o is null ? "未登记" : PairingLabels.Of(o.Progress) + (o.FailureReason is { } why ? "：" + why : ""),
                start, o?.IncomeLatestFen, o?.IncomeLatestOn?.ToString("yyyy-MM-dd"),
                OutcomeRules.Progress(start, o?.IncomeLatestFen, c.Programme.PriorityIncomeThreshold).Text);
        }).ToList();
    }

    private IQueryable<Household> FiledHouseholds(int programmeId) =>
        db.Households.AsNoTracking().Within(me.Scope).Where(h => h.ProgrammeId == programmeId && Due.Contains(h.Status));

    private async Task<Programme?> ProgrammeAsync(CancellationToken ct)
    {
        var district = await areas.DistrictOfAsync(me.Scope, ct);
        return district is null ? null : await Features.Households.HouseholdChecks.CurrentProgrammeAsync(db, district, clock.Today(), ct);
    }
}
