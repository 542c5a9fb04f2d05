using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Households;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Programmes;

/// <summary>One programme in a list: counts only, never a person.</summary>
public sealed record ProgrammeRow(int Id, string DistrictCode, string DistrictName, int Year, string Name, int Quota, int Registered, int Accepted,
    bool Current, bool MayConfigure);

public sealed record ProgrammeList(IReadOnlyList<ProgrammeRow> Programmes, bool MayCreate);

/// <summary>A programme as its form shows it: the values, which towns lack a quota, and what is locked and why.</summary>
public sealed record ProgrammeForm(int Id, string DistrictName, ProgrammeInput Input, IReadOnlyList<TownOption> Towns,
    IReadOnlyList<string> TownsWithoutQuota, IReadOnlyList<ProgrammeLock> Locks, ProgrammeUsage Usage, bool Current)
{
    public string? LockOf(string field) => Locks.FirstOrDefault(l => l.Field == field)?.Reason;

    public string TownName(string code) => Towns.FirstOrDefault(t => t.Code == code)?.Name ?? code;
}

public sealed record TownOption(string Code, string Name);

/// <summary>A programme as the API answers it: its values as the form takes them, the towns flagged and what is locked.</summary>
public sealed record ProgrammeDetails(int Id, string DistrictName, bool Current, ProgrammeInput Settings, IReadOnlyList<string> TownsWithoutQuota,
    IReadOnlyList<ProgrammeLock> Locks, int Registered, int Submitted, int Accepted)
{
    public static ProgrammeDetails Of(ProgrammeForm f) => new(f.Id, f.DistrictName, f.Current, f.Input, f.TownsWithoutQuota, f.Locks,
        f.Usage.Registered, f.Usage.Submitted, f.Usage.Accepted);
}

/// <summary>
/// The programmes a user oversees, year by year: the district's own for its federation, every district's in the area
/// for an administrator, and — for the city and region federations — the programmes below them as counts only
/// (district, year, quota, registered, accepted), like the dashboard.
/// </summary>
public sealed class ListProgrammes(TongxingDb db, CurrentUser me, AreaDirectory areas, ProgrammeAccess access, TimeProvider clock, IConfiguration config)
{
    public async Task<Outcome<ProgrammeList>> Handle(CancellationToken ct)
    {
        if (me.Scope is not { } scope || !(me.Can(Capability.ConfigureProgramme) || (me.Can(Capability.ViewDashboard) && scope.Level < AreaLevel.District)))
        {
            return Outcome<ProgrammeList>.Forbidden("您的岗位无权查看帮扶项目列表");
        }
        if (scope.Level > AreaLevel.District)
        {
            return Outcome<ProgrammeList>.Forbidden("帮扶项目由县（区）设置，请到首页查看本年度项目");
        }
        var prefix = scope.CodePrefix;
        var programmes = await db.Programmes.AsNoTracking().Where(p => p.DistrictCode.StartsWith(prefix)).ToListAsync(ct);
        var ids = programmes.Select(p => p.Id).ToList();
        var counts = await db.Households.AsNoTracking().Where(h => ids.Contains(h.ProgrammeId))
            .GroupBy(h => new { h.ProgrammeId, h.Status }).Select(g => new { g.Key.ProgrammeId, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        var names = await areas.NamesAsync(programmes.Select(p => p.DistrictCode).Distinct(), ct);
        var today = clock.Today();
        var current = programmes.GroupBy(p => p.DistrictCode)
            .Select(g => Programme.CurrentOf(g, p => p.Year, p => p.Phase(ProgrammePhase.Survey)?.Start, today)?.Id).ToHashSet();
        var rows = programmes.OrderBy(p => p.DistrictCode).ThenByDescending(p => p.Year).Select(p => new ProgrammeRow(p.Id, p.DistrictCode,
            names.GetValueOrDefault(p.DistrictCode, p.DistrictCode), p.Year, p.Name, p.Quota,
            counts.Where(c => c.ProgrammeId == p.Id && c.Status != HouseholdStatus.Withdrawn).Sum(c => c.Count),
            counts.Where(c => c.ProgrammeId == p.Id && ProgrammeUsage.IsAccepted(c.Status)).Sum(c => c.Count),
            current.Contains(p.Id), access.MayConfigure(p.DistrictCode))).ToList();
        return Outcome<ProgrammeList>.Success(new ProgrammeList(rows, (await access.DistrictsAsync(ct)).Count > 0));
    }

    /// <summary>One programme with its form values, town flags and locks; only for a user who configures its district.</summary>
    public async Task<Outcome<ProgrammeForm>> Get(int id, CancellationToken ct)
    {
        var p = await db.Programmes.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (p is null || !access.MayConfigure(p.DistrictCode))
        {
            return Outcome<ProgrammeForm>.NotFound();
        }
        var usage = await access.UsageAsync(p, ct);
        var today = clock.Today();
        var current = await HouseholdChecks.CurrentProgrammeAsync(db, p.DistrictCode, today, ct);
        return Outcome<ProgrammeForm>.Success(await FormAsync(p.Id, p.DistrictCode, ProgrammeInput.From(p), ProgrammeChanges.Locks(p, usage, today), usage, current?.Id == p.Id, ct));
    }

    /// <summary>A form for a new programme of the district: blank, or a copy of its latest year moved on by one year.</summary>
    public async Task<Outcome<ProgrammeForm>> Draft(string? districtCode, bool copyLatest, CancellationToken ct)
    {
        var mine = await access.DistrictsAsync(ct);
        var district = districtCode ?? (mine.Count == 1 ? mine[0].Code : null);
        if (mine.Count == 0)
        {
            return Outcome<ProgrammeForm>.Forbidden("您的岗位无权设置帮扶项目");
        }
        if (district is null || !mine.Any(d => d.Code == district))
        {
            return Outcome<ProgrammeForm>.NotFound();
        }
        var latest = await db.Programmes.AsNoTracking().Where(p => p.DistrictCode == district).OrderByDescending(p => p.Year).FirstOrDefaultAsync(ct);
        var input = copyLatest && latest is not null ? ProgrammeInput.From(latest.CopyForNextYear())
            : ProgrammeInput.Blank(district, mine.First(d => d.Code == district).Name, latest is null ? clock.Today().Year : latest.Year + 1, config);
        if (!copyLatest || latest is null)
        {
            var towns = await access.TownsAsync(district, ct);
            input.TownQuotas = [.. towns.Select(t => new TownQuotaInput { TownCode = t.Town.Code })];
        }
        return Outcome<ProgrammeForm>.Success(await FormAsync(0, district, input, [], ProgrammeUsage.None, false, ct));
    }

    /// <summary>The form around some input: the district's towns listed (those without a row added) and the towns without quota flagged.</summary>
    public async Task<ProgrammeForm> FormAsync(int id, string district, ProgrammeInput input, IReadOnlyList<ProgrammeLock> locks, ProgrammeUsage usage, bool current, CancellationToken ct)
    {
        var towns = await access.TownsAsync(district, ct);
        foreach (var t in towns.Where(t => !input.TownQuotas.Any(q => q.TownCode == t.Town.Code)))
        {
            input.TownQuotas.Add(new TownQuotaInput { TownCode = t.Town.Code });
        }
        input.TownQuotas = [.. input.TownQuotas.OrderBy(q => q.TownCode, StringComparer.Ordinal)];
        // Every fund source and phase has its row, in order, even when a post left some out.
        input.FundShares = [.. Enum.GetValues<FundSource>().Select(s => input.FundShares.FirstOrDefault(f => f.Source == s) ?? new FundShareInput { Source = s })];
        input.Phases = [.. Enum.GetValues<ProgrammePhase>().Select(ph => input.Phases.FirstOrDefault(x => x.Phase == ph) ?? new PhaseInput { Phase = ph })];
        var names = await areas.NamesAsync([district], ct);
        var flagged = ProgrammeChanges.TownsWithoutQuota(input.TownQuotas.Select(q => new TownQuota(q.TownCode, q.Quota ?? 0)),
            towns.Where(t => t.HasVillages).Select(t => t.Town.Code));
        return new ProgrammeForm(id, names.GetValueOrDefault(district, district), input, [.. towns.Select(t => new TownOption(t.Town.Code, t.Town.Name))],
            [.. flagged.Select(c => towns.First(t => t.Town.Code == c).Town.Name)], locks, usage, current);
    }
}
