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
    /// <summary>Last sign of life of the node running the job; a job silent for <c>Jobs:StaleSeconds</c> is taken over.</summary>
    public DateTimeOffset? HeartbeatAt { get; set; }
    /// <summary>
    /// An import writes in chunks, each committed with this checkpoint: the sheet's row number written up to (0: nothing
    /// written yet). A node taking the job over continues after it, so no row is written twice or lost.
    /// </summary>
    public int WrittenRows { get; set; }
    /// <summary>The report's tally up to <see cref="WrittenRows"/> (JSON), committed with each chunk.</summary>
    public string? CheckpointJson { get; set; }

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
        HeartbeatAt = u.HeartbeatAt,
        WrittenRows = u.WrittenRows,
        CheckpointJson = u.CheckpointJson,
    };
}

/// <summary>
/// Writes and reads an import job's file in its row without holding it whole in memory: SQLite through its incremental
/// blob I/O, PostgreSQL through a streamed <c>bytea</c> parameter and a sequential reader.
/// </summary>
public static class ImportUploadContent
{
    /// <summary>
    /// Streams <paramref name="content"/> from its position to its end (seekable: the length is needed first) into the job's row, which must already be
    /// saved; inside the caller's transaction, so that a job is never kept without its file.
    /// </summary>
    public static async Task WriteAsync(TongxingDb db, Guid id, Stream content, CancellationToken ct)
    {
        var (table, contentColumn, idColumn, key, store) = Columns(db);
        var transaction = Microsoft.EntityFrameworkCore.Storage.DbContextTransactionExtensions.GetDbTransaction(
            db.Database.CurrentTransaction ?? throw new InvalidOperationException("the file is written in the transaction that saves its job"));
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction;
        command.Parameters.Add(key.CreateParameter(command, "@id", id));
        if (db.Database.IsSqlite())
        {
            // Space for the file first, then the file written into it block by block.
            command.CommandText = $"UPDATE {table} SET {contentColumn} = zeroblob(@length) WHERE {idColumn} = @id RETURNING rowid";
            var length = command.CreateParameter();
            length.ParameterName = "@length";
            length.Value = content.Length - content.Position;
            command.Parameters.Add(length);
            var rowid = (long)(await command.ExecuteScalarAsync(ct) ?? throw new InvalidOperationException($"import job {id} is not saved"));
            await using var blob = new Microsoft.Data.Sqlite.SqliteBlob((Microsoft.Data.Sqlite.SqliteConnection)command.Connection!, store.Table, store.Content, rowid);
            await content.CopyToAsync(blob, ct);
            return;
        }
        command.CommandText = $"UPDATE {table} SET {contentColumn} = @content WHERE {idColumn} = @id";
        var file = command.CreateParameter();
        file.ParameterName = "@content";
        file.DbType = System.Data.DbType.Binary;
        file.Value = content;
        command.Parameters.Add(file);
        if (await command.ExecuteNonQueryAsync(ct) != 1)
        {
            throw new InvalidOperationException($"import job {id} is not saved");
        }
    }

    /// <summary>
    /// Copies the job's file from its row into a temporary file, block by block, and returns that file open at its start
    /// (seekable, as a workbook reader needs); the file is deleted when the stream is closed.
    /// </summary>
    public static async Task<FileStream> CopyToTempFileAsync(TongxingDb db, Guid id, CancellationToken ct)
    {
        var (table, contentColumn, idColumn, key, _) = Columns(db);
        var file = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                await using var command = db.Database.GetDbConnection().CreateCommand();
                // On SQLite the row's rowid alongside makes GetStream an incremental blob reader; without it the whole
                // file would be read into memory first.
                command.CommandText = $"SELECT {(db.Database.IsSqlite() ? "rowid" : "NULL")}, {contentColumn} FROM {table} WHERE {idColumn} = @id";
                command.Parameters.Add(key.CreateParameter(command, "@id", id));
                await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct);
                if (await reader.ReadAsync(ct))
                {
                    await using var content = reader.GetStream(1);
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

    /// <summary>The table and columns as SQL writes them (delimited), the id's type mapping, and the bare names SQLite's blob I/O takes.</summary>
    private static (string Table, string Content, string Id, Microsoft.EntityFrameworkCore.Storage.RelationalTypeMapping Key, (string Table, string Content) Store) Columns(TongxingDb db)
    {
        var type = db.Model.FindEntityType(typeof(ImportUpload))!;
        var table = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var sql = Microsoft.EntityFrameworkCore.Infrastructure.AccessorExtensions.GetService<Microsoft.EntityFrameworkCore.Storage.ISqlGenerationHelper>(db);
        var key = type.FindProperty(nameof(ImportUpload.Id))!;
        var content = type.FindProperty(nameof(ImportUpload.Content))!.GetColumnName(table)!;
        return (sql.DelimitIdentifier(table.Name, table.Schema), sql.DelimitIdentifier(content), sql.DelimitIdentifier(key.GetColumnName(table)!),
            (Microsoft.EntityFrameworkCore.Storage.RelationalTypeMapping)key.GetTypeMapping(), (table.Name, content));
    }
}
