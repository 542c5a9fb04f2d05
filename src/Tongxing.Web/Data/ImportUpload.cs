using Microsoft.EntityFrameworkCore;

namespace Tongxing.Web.Data;

public enum ImportJobStatus
{
    /// <summary>Waiting for a worker on any node.</summary>
    Queued = 1,
    /// <summary>Claimed by one node's worker (<see cref="ImportUpload.ClaimedBy"/>).</summary>
    Running = 2,
    /// <summary>Finished: the report says what was found (and whether it was imported).</summary>
    Done = 3,
    /// <summary>Stopped by an error the user cannot fix in the file (the report says so).</summary>
    Failed = 4,
}

/// <summary>
/// An uploaded 附件1 workbook and the background job that checks it (and, when the user confirms, imports it). Kept
/// in the database so that any app node's worker can claim it exactly once and any node can show its progress.
/// </summary>
public sealed class ImportUpload
{
    public Guid Id { get; set; }
    public string UserId { get; set; } = "";
    public string FileName { get; set; } = "";
    public byte[] Content { get; set; } = [];
    public DateTimeOffset UploadedAt { get; set; }
    public ImportJobStatus Status { get; set; } = ImportJobStatus.Queued;
    /// <summary>Import after checking, when every row passes (false: a dry run only).</summary>
    public bool Commit { get; set; }
    /// <summary>读取 / 检查 / 导入: what the worker is doing now.</summary>
    public string Phase { get; set; } = "排队";
    public int ProcessedRows { get; set; }
    public int TotalRows { get; set; }
    public string? ClaimedBy { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>The <c>ImportReport</c> as JSON once the job is done.</summary>
    public string? ReportJson { get; set; }

    /// <summary>The job as a query reads it without its file (which can be megabytes).</summary>
    public static readonly System.Linq.Expressions.Expression<Func<ImportUpload, ImportUpload>> WithoutContent = u => new ImportUpload
    {
        Id = u.Id,
        UserId = u.UserId,
        FileName = u.FileName,
        UploadedAt = u.UploadedAt,
        Status = u.Status,
        Commit = u.Commit,
        Phase = u.Phase,
        ProcessedRows = u.ProcessedRows,
        TotalRows = u.TotalRows,
        ClaimedBy = u.ClaimedBy,
        StartedAt = u.StartedAt,
        FinishedAt = u.FinishedAt,
        ReportJson = u.ReportJson,
    };
}

/// <summary>Reads an import job's file out of its row without holding it whole in memory.</summary>
public static class ImportUploadContent
{
    /// <summary>
    /// Copies the job's file from its row into a temporary file through a sequential reader, block by block, and returns
    /// that file open at its start (seekable, as a workbook reader needs); the file is deleted when the stream is closed.
    /// </summary>
    public static async Task<FileStream> CopyToTempFileAsync(TongxingDb db, Guid id, CancellationToken ct)
    {
        var type = db.Model.FindEntityType(typeof(ImportUpload))!;
        var table = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var key = type.FindProperty(nameof(ImportUpload.Id))!;
        var sql = Microsoft.EntityFrameworkCore.Infrastructure.AccessorExtensions.GetService<Microsoft.EntityFrameworkCore.Storage.ISqlGenerationHelper>(db);
        var file = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                await using var command = db.Database.GetDbConnection().CreateCommand();
                command.CommandText = $"SELECT {sql.DelimitIdentifier(type.FindProperty(nameof(ImportUpload.Content))!.GetColumnName(table)!)} " +
                    $"FROM {sql.DelimitIdentifier(table.Name, table.Schema)} WHERE {sql.DelimitIdentifier(key.GetColumnName(table)!)} = @id";
                command.Parameters.Add(((Microsoft.EntityFrameworkCore.Storage.RelationalTypeMapping)key.GetTypeMapping()).CreateParameter(command, "@id", id));
                await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct);
                if (await reader.ReadAsync(ct))
                {
                    await using var content = reader.GetStream(0);
                    await content.CopyToAsync(file, ct);
                }
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }
}
