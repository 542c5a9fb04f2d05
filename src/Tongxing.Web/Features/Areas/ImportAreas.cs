using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Documents;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Areas;

/// <summary>A unit as an import report lists it (for a rename, with its name before).</summary>
public sealed record AreaLine(string Code, string Name, string Level, string? OldName = null);

/// <summary>
/// What an import of division codes would change (a dry run) or changed (applied). <paramref name="Fingerprint"/> names
/// this exact set of changes: a confirmation carrying it applies only what the dry run showed.
/// </summary>
public sealed record AreaImportReport(bool Applied, int Rows, IReadOnlyList<AreaLine> Added, IReadOnlyList<AreaLine> Renamed,
    IReadOnlyList<AreaLine> Retired, IReadOnlyList<AreaLine> Restored, IReadOnlyList<SkippedRow> Skipped, int Unchanged, string Fingerprint)
{
    public bool HasChanges => Added.Count + Renamed.Count + Retired.Count + Restored.Count > 0;
}

/// <summary>
/// Imports the statistical division codes of the administrator's area (or, from the command line, of the whole tree):
/// a dry run lists what would be added, renamed, retired and restored; applying does all of it in one transaction, or
/// nothing. The tree cache of this node is dropped at once.
/// </summary>
public sealed class ImportAreas(TongxingDb db, CurrentUser me, AreaDirectory directory, TimeProvider clock)
{
    public const string NotAllowed = "只有系统管理员可以管理区划";

    /// <summary>Whether the signed-in user may import (the page's own check before a file is chosen).</summary>
    public bool MayImport => me.Can(Capability.ManageAreas) && me.Scope is not null;

    /// <param name="fingerprint">When applying after a dry run: the dry run's fingerprint (the tree may have changed since).</param>
    public async Task<Outcome<AreaImportReport>> Handle(byte[] content, bool apply, string? fingerprint, CancellationToken ct)
    {
        if (!me.Can(Capability.ManageAreas) || me.Scope is not { } scope)
        {
            return Outcome<AreaImportReport>.Forbidden(NotAllowed);
        }
        return await Run(content, scope, apply, fingerprint, ct);
    }

    /// <summary>As the system, for the whole tree: the first installation's import (no administrator exists yet) and the demo's.</summary>
    internal Task<Outcome<AreaImportReport>> AsSystem(byte[] content, bool apply, CancellationToken ct) => Run(content, null, apply, null, ct);

    private async Task<Outcome<AreaImportReport>> Run(byte[] content, AreaScope? scope, bool apply, string? fingerprint, CancellationToken ct)
    {
        var file = DivisionFile.Read(content);
        if (file.Error is not null)
        {
            return Outcome<AreaImportReport>.Invalid([new FieldError("File", file.Error)]);
        }
        var prefix = scope?.CodePrefix ?? "";
        await using var transaction = apply ? await db.BeginLockedAsync("areas", ct) : null;
        var existing = await ExistingAsync(scope, ct);
        var (plan, errors) = DivisionCodes.Plan(file.Rows, existing, prefix);
        if (plan is null)
        {
            return Outcome<AreaImportReport>.Invalid(errors);
        }
        var report = Report(plan, file.Rows.Count, applied: false);
        if (!apply)
        {
            return Outcome<AreaImportReport>.Success(report);
        }
        if (fingerprint is not null && fingerprint != report.Fingerprint)
        {
            return Outcome<AreaImportReport>.Conflict("区划在您核对之后已被修改，未导入任何数据：请重新试导入并核对");
        }
        var at = clock.GetUtcNow();
        db.Areas.AddRange(plan.Added.Select(u => new Area(u.Code, u.Name, u.Level, u.ParentCode)));
        foreach (var r in plan.Renamed)
        {
            db.Attach(r.Area).Entity.Rename(r.NewName);
        }
        foreach (var a in plan.Restored)
        {
            db.Attach(a).Entity.Restore();
        }
        foreach (var a in plan.Retired)
        {
            db.Attach(a).Entity.Retire(at);
        }
        db.Audit("导入区划", "Area", scope?.Code, details:
            $"新增{plan.Added.Count}个，更名{plan.Renamed.Count}个，撤销{plan.Retired.Count}个，恢复{plan.Restored.Count}个，未变{plan.Unchanged}个（文件{file.Rows.Count}行）");
        await db.SaveChangesAsync(ct);
        await transaction!.CommitAsync(ct);
        directory.Changed();
        return Outcome<AreaImportReport>.Success(report with { Applied = true });
    }

    /// <summary>The tree's units inside the area (all of them for the system) and the units above the area's own.</summary>
    private async Task<Dictionary<string, Area>> ExistingAsync(AreaScope? scope, CancellationToken ct)
    {
        var prefix = scope?.CodePrefix ?? "";
        var above = new List<string>();
        if (scope is not null && DivisionCodes.LevelOf(scope.Code) is { Ok: true } level)
        {
            for (var code = DivisionCodes.ParentOf(scope.Code, level.Value); code is not null; code = DivisionCodes.ParentOf(code, DivisionCodes.LevelOf(code).Value))
            {
                above.Add(code);
            }
        }
        var areas = await db.Areas.AsNoTracking().Where(a => a.Code.StartsWith(prefix) || above.Contains(a.Code)).ToListAsync(ct);
        return areas.ToDictionary(a => a.Code, StringComparer.Ordinal);
    }

    private static AreaImportReport Report(AreaPlan plan, int rows, bool applied)
    {
        static AreaLine Line(string code, string name, AreaLevel level, string? old = null) => new(code, name, Area.LevelLabel(level), old);
        var report = new AreaImportReport(applied, rows,
            [.. plan.Added.Select(u => Line(u.Code, u.Name, u.Level))],
            [.. plan.Renamed.Select(r => Line(r.Area.Code, r.NewName, r.Area.Level, r.Area.Name))],
            [.. plan.Retired.Select(a => Line(a.Code, a.Name, a.Level))],
            [.. plan.Restored.Select(a => Line(a.Code, a.Name, a.Level))],
            plan.Skipped, plan.Unchanged, "");
        var text = new StringBuilder();
        foreach (var (kind, lines) in new[] { ("+", report.Added), ("~", report.Renamed), ("-", report.Retired), ("^", report.Restored) })
        {
            foreach (var l in lines)
            {
                text.Append(kind).Append(l.Code).Append(' ').Append(l.Name).Append('\n');
            }
        }
        return report with { Fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16] };
    }
}
