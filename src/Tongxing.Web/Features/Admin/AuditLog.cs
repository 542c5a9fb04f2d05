using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Documents;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Admin;

/// <summary>The audit page's filters and where in the log it stands (keyset paging by the entries' sequence number).</summary>
public sealed class AuditQuery
{
    /// <summary>A user's login name or (part of) their name.</summary>
    public string? User { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public string? Action { get; set; }
    /// <summary>The kind of record (Household, AppUser…).</summary>
    public string? Entity { get; set; }
    /// <summary>One record's id: its own entries and those of its parts (a household's members and history).</summary>
    public string? Record { get; set; }
    /// <summary>Older entries: those before this sequence number.</summary>
    public long? Before { get; set; }
    /// <summary>Newer entries: those after this sequence number.</summary>
    public long? After { get; set; }

    public bool IsFiltered => !string.IsNullOrWhiteSpace(User) || From is not null || To is not null || !string.IsNullOrWhiteSpace(Action)
        || !string.IsNullOrWhiteSpace(Entity) || !string.IsNullOrWhiteSpace(Record);
}

public sealed record AuditRow(long Seq, string At, string UserName, string? Address, string Action, string Entity, string? EntityId, IReadOnlyList<string> Changes);

/// <summary>One page of the log, newest first; <see cref="Older"/>/<see cref="Newer"/> are the keys of the next pages when there are any.</summary>
public sealed record AuditPage(IReadOnlyList<AuditRow> Rows, long? Older, long? Newer);

/// <summary>
/// The audit log for people (the audit page and /api/v1/audit): filtered and paged in SQL by sequence number, never the
/// whole table; labelled and readable (<see cref="AuditReading"/>); masked for viewers who see personal data masked.
/// </summary>
public sealed class AuditLog(TongxingDb db, CurrentUser me, AreaDirectory areas)
{
    public const int PageSize = 50;
    /// <summary>An export holds at most this many entries (a worksheet holds 1,048,576 rows); a narrower filter gets the rest.</summary>
    public const int MaxExportRows = 1_000_000;
    private const int ExportChunk = 2000;
    private const int MaxText = 100;

    public async Task<Outcome<AuditPage>> Handle(AuditQuery query, CancellationToken ct)
    {
        if (!me.Can(Capability.ViewAudit))
        {
            return Outcome<AuditPage>.Forbidden("您的岗位无权查看审计日志");
        }
        var (entries, errors) = await Filter(query, ct);
        if (entries is null)
        {
            return Outcome<AuditPage>.Invalid(errors);
        }
        List<AuditEntry> page;
        bool more;
        if (query.After is { } after)
        {
            page = await entries.Where(a => a.Seq > after).OrderBy(a => a.Seq).Take(PageSize + 1).ToListAsync(ct);
            more = page.Count > PageSize;
            page = page.Take(PageSize).Reverse().ToList();
        }
        else
        {
            var newest = entries;
            if (query.Before is { } before)
            {
                newest = newest.Where(a => a.Seq < before);
            }
            page = await newest.OrderByDescending(a => a.Seq).Take(PageSize + 1).ToListAsync(ct);
            more = page.Count > PageSize;
            page = page.Take(PageSize).ToList();
        }
        var full = me.Can(Capability.ViewFullPersonalData);
        var names = await AreaNamesAsync(ct);
        var rows = page.Select(a => Row(a, full, names)).ToList();
        long? older, newer;
        if (query.After is not null)
        {
            // Came back towards the newest: older entries exist unless the page is empty or nothing lies before it.
            newer = more ? page[0].Seq : null;
            var oldest = page.Count > 0 ? page[^1].Seq : (long?)null;
            older = oldest is { } o && await entries.AnyAsync(a => a.Seq < o, ct) ? o : null;
        }
        else
        {
            older = more ? page[^1].Seq : null;
            newer = query.Before is not null && page.Count > 0 ? page[0].Seq : null;
        }
        return Outcome<AuditPage>.Success(new AuditPage(rows, older, newer));
    }

    /// <summary>Writes every entry the filter selects (newest first, up to <see cref="MaxExportRows"/>) as .xlsx, a chunk at a time; the export is itself logged.</summary>
    public async Task<Outcome<Stream>> Export(AuditQuery query, CancellationToken ct)
    {
        if (!me.Can(Capability.ViewAudit))
        {
            return Outcome<Stream>.Forbidden("您的岗位无权查看审计日志");
        }
        var (entries, errors) = await Filter(query, ct);
        if (entries is null)
        {
            return Outcome<Stream>.Invalid(errors);
        }
        var full = me.Can(Capability.ViewFullPersonalData);
        var names = await AreaNamesAsync(ct);
        var written = 0;
        IEnumerable<IDictionary<string, object?>> Rows()
        {
            long? before = query.Before;
            while (written < MaxExportRows)
            {
                var chunk = (before is { } b ? entries.Where(a => a.Seq < b) : entries)
                    .OrderByDescending(a => a.Seq).Take(Math.Min(ExportChunk, MaxExportRows - written)).ToList();
                foreach (var a in chunk)
                {
                    var r = Row(a, full, names);
                    written++;
                    yield return new Dictionary<string, object?>
                    {
                        ["序号"] = r.Seq,
                        ["时间"] = r.At,
                        ["用户"] = FormWorkbook.Neutralise(r.UserName),
                        ["地址"] = r.Address,
                        ["操作"] = FormWorkbook.Neutralise(r.Action),
                        ["对象"] = FormWorkbook.Neutralise(r.Entity),
                        ["对象编号"] = FormWorkbook.Neutralise(r.EntityId),
                        ["内容"] = FormWorkbook.Neutralise(string.Join("\n", r.Changes)),
                    };
                }
                if (chunk.Count < ExportChunk)
                {
                    yield break;
                }
                before = chunk[^1].Seq;
            }
        }
        var stream = await Downloads.WriteToTempFileAsync(s => MiniExcel.SaveAsAsync(s, Rows(), sheetName: "审计日志", cancellationToken: ct), ct);
        db.Audit("导出", "审计日志", details: $"{Describe(query)}，{written}条");
        await db.SaveChangesAsync(ct);
        return Outcome<Stream>.Success(stream);
    }

    /// <summary>The names of the areas within the reader's own (the log names them, with their codes); cached per node.</summary>
    private async Task<Dictionary<string, string>> AreaNamesAsync(CancellationToken ct) =>
        (await areas.WithinAsync(me.Scope, ct)).ToDictionary(a => a.Code, a => a.Name, StringComparer.Ordinal);

    private static AuditRow Row(AuditEntry a, bool full, IReadOnlyDictionary<string, string> names) => new(a.Seq,
        TimeZoneInfo.ConvertTime(a.At, Clock.ChinaTime).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), a.UserName, a.Address, a.Action, AuditReading.EntityLabel(a.Entity), a.EntityId, AuditReading.Describe(a.Action, a.Entity, a.Details, full, names));

    /// <summary>The entries the filter selects, as a query; or why the filter cannot be used.</summary>
    private async Task<(IQueryable<AuditEntry>? Entries, List<FieldError> Errors)> Filter(AuditQuery q, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        foreach (var (field, value) in new[] { (nameof(q.User), q.User), (nameof(q.Action), q.Action), (nameof(q.Entity), q.Entity), (nameof(q.Record), q.Record) })
        {
            if (value is { Length: > MaxText })
            {
                errors.Add(new(field, $"不超过{MaxText}个字符"));
            }
        }
        var earliest = new DateOnly(2000, 1, 1);
        var latest = new DateOnly(2100, 12, 31);
        if (q.From is { } f && (f < earliest || f > latest))
        {
            errors.Add(new(nameof(q.From), "开始日期应在2000年至2100年之间"));
        }
        if (q.To is { } t && (t < earliest || t > latest))
        {
            errors.Add(new(nameof(q.To), "结束日期应在2000年至2100年之间"));
        }
        if (q.From is { } from && q.To is { } to && from > to)
        {
            errors.Add(new(nameof(q.To), "结束日期不能早于开始日期"));
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        var entries = db.AuditEntries.AsNoTracking();
        // Below the top of the hierarchy an office reads what the officials of its own area did, never another
        // district's log (which names that district's people in full).
        if (me.Scope is not { Level: AreaLevel.Region })
        {
            var prefix = me.Scope?.CodePrefix ?? "-";
            // An entry belongs to the area of the official who acted, or, for a sign-in attempt not yet signed in, of the
            // account it named (attempts on unknown names are the top level's to read).
            entries = entries.Where(a => db.Users.Any(u => (u.Id == a.UserId || (a.UserId == "system" && u.Id == a.EntityId)) && u.AreaCode.StartsWith(prefix)));
        }
        if (!me.Can(Capability.ViewHouseholds))
        {
            // An administrator reads what administration did, not what was done to households (their particulars name people).
            var allowed = AuditReading.AdministrationEntities;
            entries = entries.Where(a => a.Entity != null && allowed.Contains(a.Entity));
        }
        if (q.User?.Trim() is { Length: > 0 } user)
        {
            var ids = await db.Users.Where(u => u.UserName == user || u.DisplayName.Contains(user)).Select(u => u.Id).Take(200).ToListAsync(ct);
            entries = entries.Where(a => ids.Contains(a.UserId) || a.UserName == user);
        }
        if (q.From is { } start)
        {
            var at = ChinaMidnight(start);
            entries = entries.Where(a => a.At >= at);
        }
        if (q.To is { } end)
        {
            var at = ChinaMidnight(end.AddDays(1));
            entries = entries.Where(a => a.At < at);
        }
        if (q.Action?.Trim() is { Length: > 0 } action)
        {
            entries = entries.Where(a => a.Action == action);
        }
        if (q.Entity?.Trim() is { Length: > 0 } entity)
        {
            entries = entries.Where(a => a.Entity == entity);
        }
        if (q.Record?.Trim() is { Length: > 0 } record)
        {
            // Every entry names its record in Subject (a part names the household it belongs to): one indexed column.
            entries = entries.Where(a => a.Subject == record);
        }
        return (entries, errors);
    }

    private static DateTimeOffset ChinaMidnight(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)).ToUniversalTime();

    /// <summary>The filter in words, for the export's own audit entry.</summary>
    private static string Describe(AuditQuery q)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(q.User))
        {
            parts.Add($"用户：{q.User.Trim()}");
        }
        if (q.From is not null || q.To is not null)
        {
            parts.Add($"日期：{q.From:yyyy-MM-dd}至{q.To:yyyy-MM-dd}");
        }
        if (!string.IsNullOrWhiteSpace(q.Action))
        {
            parts.Add($"操作：{q.Action.Trim()}");
        }
        if (!string.IsNullOrWhiteSpace(q.Entity))
        {
            parts.Add($"对象：{AuditReading.EntityLabel(q.Entity.Trim())}");
        }
        if (!string.IsNullOrWhiteSpace(q.Record))
        {
            parts.Add($"记录：{q.Record.Trim()}");
        }
        return parts.Count == 0 ? "全部记录" : string.Join("；", parts);
    }
}

public static class AuditEndpoints
{
    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", async ([AsParameters] AuditQuery query, AuditLog handler, CancellationToken ct) => ApiResults.From(await handler.Handle(query, ct), ApiResults.Ok))
            .WithTags("审计 Audit").WithSummary("审计日志：按用户、日期、操作、对象筛选，每页50条，最新在前（before/after 为序号，翻页用）");
        api.MapGet("/audit/export", async ([AsParameters] AuditQuery query, AuditLog handler, CancellationToken ct) =>
                ApiResults.From(await handler.Export(query, ct), s => TypedResults.File(s, FormWorkbook.ContentType, "审计日志.xlsx")))
            .WithTags("审计 Audit").WithSummary("按筛选条件导出审计日志（.xlsx），最多100万条");
        return api;
    }
}
