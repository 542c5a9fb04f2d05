namespace Tongxing.Web.Features.Areas;

/// <summary>
/// <c>tongxing import-areas &lt;file&gt; [--dry-run]</c>: imports a division-code file as the system, for the whole tree —
/// the first installation's areas, before any administrator exists. Prints what would change (and, applied, what did).
/// </summary>
public static class ImportAreasCommand
{
    /// <returns>0 when the file was checked (and applied unless a dry run), 1 when it was refused, 2 when it cannot be read.</returns>
    public static async Task<int> RunAsync(IServiceProvider services, string path, bool dryRun, TextWriter output, CancellationToken ct)
    {
        byte[] content;
        try
        {
            content = await File.ReadAllBytesAsync(path, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await output.WriteLineAsync(e is FileNotFoundException or DirectoryNotFoundException ? $"找不到文件 {path}" : $"无法读取文件 {path}（{e.GetType().Name}）");
            return 1;
        }
        await using var scope = services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<ImportAreas>().AsSystem(content, apply: !dryRun, ct);
        if (!outcome.Ok)
        {
            await output.WriteLineAsync("未导入任何区划：");
            foreach (var e in outcome.Errors)
            {
                await output.WriteLineAsync("  " + e.Message);
            }
            return 1;
        }
        await WriteAsync(outcome.Value!, output);
        return 0;
    }

    internal static async Task WriteAsync(AreaImportReport report, TextWriter output)
    {
        await output.WriteLineAsync(report.Applied ? $"已导入（文件{report.Rows}行）：" : $"试导入（文件{report.Rows}行，未写入）：");
        foreach (var (label, lines) in new[] { ("新增", report.Added), ("更名", report.Renamed), ("撤销", report.Retired), ("恢复", report.Restored) })
        {
            await output.WriteLineAsync($"  {label} {lines.Count} 个");
            foreach (var l in lines.Take(20))
            {
                await output.WriteLineAsync($"    {l.Code} {(l.OldName is null ? "" : l.OldName + " → ")}{l.Name}（{l.Level}）");
            }
            if (lines.Count > 20)
            {
                await output.WriteLineAsync($"    ……另有 {lines.Count - 20} 个");
            }
        }
        foreach (var s in report.Skipped)
        {
            await output.WriteLineAsync($"  略过第{s.Row}行 {s.Code} {s.Name}：{s.Reason}");
        }
        await output.WriteLineAsync($"  未变 {report.Unchanged} 个");
        if (!report.Applied && report.HasChanges)
        {
            await output.WriteLineAsync("确认无误后，去掉 --dry-run 再运行一次即导入。");
        }
    }
}
