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
}
