using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Documents;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Funds.Payments;

/// <summary>A bank file ready to send: the stream (a temporary file, deleted when closed) and its name.</summary>
public sealed record BankFileDownload(Stream Content, string FileName);

/// <summary>What a result file would do (dry run) or did (applied); the fingerprint ties the confirmation to the dry run.</summary>
public sealed record BankResultReport(bool Applied, IReadOnlyList<BankResultLine> Lines, int PaidCount, string PaidSum, int FailedCount, string FailedSum,
    int ErrorCount, int Remaining, bool Closed, string Fingerprint);

/// <summary>
/// The bank's two files of a sent batch: the batch file (.xlsx, complete account numbers, streamed, every download
/// audited) and the result file the bank returns, checked in a dry run and applied all-or-nothing under the batch's
/// lock: paid rows become payments with their ledger lines and the household 已发放, failed rows failure lines.
/// </summary>
public sealed class BankFiles(TongxingDb db, CurrentUser me, AreaDirectory areas, TimeProvider clock, IConfiguration config)
{
    public const int MaxRows = 20_000;

    private bool MayPay => me.Can(Capability.PayHouseholds) && me.Scope?.Level == AreaLevel.Town;

    public async Task<Outcome<BankFileDownload>> Export(Guid id, CancellationToken ct)
    {
        if (!MayPay)
        {
            return Outcome<BankFileDownload>.Forbidden("代发清单只有本镇党委可以下载");
        }
        var batch = await db.PaymentBatches.AsNoTracking().Within(me.Scope).FirstOrDefaultAsync(b => b.Id == id, ct);
        if (batch is null)
        {
            return Outcome<BankFileDownload>.NotFound();
        }
        if (batch.State is not (BatchState.Sent or BatchState.Closed))
        {
            return Outcome<BankFileDownload>.Conflict("批次提交银行后才能下载代发清单");
        }
        var town = (await areas.NamesAsync([batch.TownCode], ct)).GetValueOrDefault(batch.TownCode, "");
        db.Audit("导出", "代发清单", batch.Id.ToString(), details: $"{town}第{batch.Number}批（{batch.ControlCount}户，{batch.ControlSum}），含完整银行账号");
        await db.SaveChangesAsync(ct);
        var rows = db.Payments.AsNoTracking().Where(p => p.BatchId == id).OrderBy(p => p.Line)
            .Select(p => new { p.Line, p.PayeeName, p.PayeeIdNumber, p.AccountNumber, p.BankName, p.Fen, p.State })
            .AsAsyncEnumerable().ToBlockingEnumerable(ct)
            .Select(p => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
            {
                ["Line"] = p.Line,
                ["Name"] = p.PayeeName,
                ["IdNumber"] = p.PayeeIdNumber,
                ["Account"] = p.AccountNumber,
                ["Bank"] = p.BankName,
                ["Amount"] = p.Fen / 100m,
                ["Note"] = p.State == PaymentState.Reversed ? "已冲销" : "",
                ["Result"] = "",
                ["PaidOn"] = "",
                ["Reference"] = "",
                ["Reason"] = "",
            });
        var heading = $"乡镇：{town}    批次号：第{batch.Number}批（{batch.Title}）    户数：{batch.ControlCount}户    合计金额：{batch.ControlSum}    提交日期：{(batch.SentAt is { } s ? Clock.Local(s)[..10] : "")}";
        var file = await Downloads.WriteToTempFileAsync(output =>
            FormWorkbook.WriteAsync(output, BankBatchFile.SheetName, BankBatchFile.Columns, BankBatchFile.Footer, BankBatchFile.Title, heading, rows, ct), ct);
        return Outcome<BankFileDownload>.Success(new BankFileDownload(file, $"代发清单_{town}_第{batch.Number}批.xlsx"));
    }

    /// <summary>Rows of a result file written per transaction when it is applied (<c>Funds:BankResultChunk</c>).</summary>
    private int ApplyChunk => Math.Max(1, config.GetValue("Funds:BankResultChunk", 500));

    public async Task<Outcome<BankResultReport>> Import(Guid id, byte[] content, bool apply, string? fingerprint, CancellationToken ct)
    {
        if (me.Actor is not { } actor || !MayPay)
        {
            return Outcome<BankResultReport>.Forbidden("银行结果只有本镇党委可以导入");
        }
        var exists = await db.PaymentBatches.AsNoTracking().Within(me.Scope).AnyAsync(b => b.Id == id, ct);
        if (!exists)
        {
            return Outcome<BankResultReport>.NotFound();
        }
        var (rows, error) = BankBatchFile.ReadResult(content, MaxRows);
        if (error is not null)
        {
            return Outcome<BankResultReport>.Invalid([new FieldError("File", error)]);
        }
        await using var transaction = apply ? await db.BeginLockedAsync("payment-batch:" + id, ct) : null;
        var batch = await db.PaymentBatches.FirstAsync(b => b.Id == id, ct);
        if (batch.State != BatchState.Sent)
        {
            return Outcome<BankResultReport>.Conflict($"批次当前为“{Labels.Of(batch.State)}”，只有已提交银行、尚未办结的批次才能导入银行结果");
        }
        var entries = await db.Payments.AsNoTracking().Where(p => p.BatchId == id)
            .Select(p => new BankBatchEntry(p.Id, p.Line, p.PayeeName, p.State, p.AccountNumber, p.Fen, p.PaidOn, p.BankReference, p.FailureReason)).ToListAsync(ct);
        var today = clock.Today();
        var plan = BankResultRules.Check(rows, entries, today, batch.SentAt is { } sentAt ? Clock.Date(sentAt) : null);
        BankResultReport Report(bool applied, bool closed) => new(applied, plan.Lines, plan.PaidCount, new Money(plan.PaidFen).ToString(), plan.FailedCount,
            new Money(plan.FailedFen).ToString(), plan.ErrorCount, plan.Remaining, closed, plan.Fingerprint);
        if (!apply)
        {
            return Outcome<BankResultReport>.Success(Report(false, false));
        }
        if (string.IsNullOrEmpty(fingerprint))
        {
            // Only what a dry run showed is applied: the page carries its fingerprint, and so must a program.
            return Outcome<BankResultReport>.Invalid([new FieldError("Fingerprint", "请先试导入并核对，确认导入时须附上试导入结果中的 fingerprint")]);
        }
        if (fingerprint != plan.Fingerprint)
        {
            return Outcome<BankResultReport>.Conflict("批次在您核对之后已有变化，未导入任何数据：请重新试导入并核对");
        }
        if (!plan.CanApply)
        {
            return plan.ErrorCount > 0
                ? new Outcome<BankResultReport>(OutcomeStatus.Invalid, Report(false, false), [new FieldError("File", $"文件中有{plan.ErrorCount}行错误，未导入任何数据：请改正后重新上传")])
                : plan.Lines.Any(l => l.Kind == BankResultKind.Recorded)
                    ? new Outcome<BankResultReport>(OutcomeStatus.Invalid, Report(false, false), [new FieldError("File", "文件中的结果均已登记，没有需要导入的行")])
                    : Outcome<BankResultReport>.Invalid([new FieldError("File", "文件中没有填写结果（成功/失败）的行")]);
        }
        // Applied in chunks (ADR 0031): each chunk's payments, ledger lines and households are written in a short
        // transaction of its own under the batch's lock, so a result of thousands of rows never holds other offices'
        // saves. The first chunk is written under the lock that checked the fingerprint; each later chunk checks that its
        // payments are still waiting for their result. Cut off part-way (a node dying), the file is simply applied
        // again: rows already recorded are read as such and the rest is applied.
        var at = clock.GetUtcNow();
        var todo = plan.Lines.Where(l => l.Kind is BankResultKind.Paid or BankResultKind.Failed).ToList();
        var tx = transaction!;
        try
        {
            foreach (var (chunk, index) in todo.Chunk(ApplyChunk).Select((c, i) => (c, i)))
            {
                if (index > 0)
                {
                    tx = await db.BeginLockedAsync("payment-batch:" + id, ct);
                }
                var ids = chunk.Select(l => l.PaymentId!.Value).ToList();
                var payments = await db.Payments.Where(p => p.BatchId == id && ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
                if (payments.Count != ids.Count || payments.Values.Any(p => p.State != PaymentState.Sent))
                {
                    return Outcome<BankResultReport>.Conflict(PaymentBatches.BatchChanged);
                }
                var householdIds = chunk.Where(l => l.Kind == BankResultKind.Paid).Select(l => payments[l.PaymentId!.Value].HouseholdId).ToList();
                var households = await db.Households.Where(h => householdIds.Contains(h.Id)).ToDictionaryAsync(h => h.Id, ct);
                foreach (var line in chunk)
                {
                    var payment = payments[line.PaymentId!.Value];
                    var done = line.Kind == BankResultKind.Paid ? payment.RecordPaid(line.PaidOn!.Value, line.Reference, at) : payment.RecordFailed(line.Reason!, at);
                    if (done.Succeeded && line.Kind == BankResultKind.Paid)
                    {
                        done = households[payment.HouseholdId].MarkPaid(actor, payment, at);
                    }
                    if (!done.Succeeded)
                    {
                        return Outcome<BankResultReport>.Refused(done);
                    }
                    db.FundEntries.AddRange(FundEntry.ForPayment(payment, line.Kind == BankResultKind.Paid ? FundEntryKind.Payment : FundEntryKind.PaymentFailed,
                        line.PaidOn ?? today, line.Reference, line.Reason, actor, at));
                }
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                await tx.DisposeAsync();
                db.ChangeTracker.Clear();
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<BankResultReport>.Conflict(PaymentBatches.BatchChanged);
        }
        finally
        {
            await tx.DisposeAsync();
        }

        // The batch is closed once no entry waits for its result; the import is recorded with its totals.
        await using var last = await db.BeginLockedAsync("payment-batch:" + id, ct);
        batch = await db.PaymentBatches.FirstAsync(b => b.Id == id, ct);
        var closed = !await db.Payments.AnyAsync(p => p.BatchId == id && p.State == PaymentState.Sent, ct);
        if (closed && batch.State == BatchState.Sent)
        {
            batch.Close(at);
        }
        db.Audit("导入银行结果", "PaymentBatch", batch.Id.ToString(), details:
            $"第{batch.Number}批：成功{plan.PaidCount}笔 {new Money(plan.PaidFen)}，失败{plan.FailedCount}笔 {new Money(plan.FailedFen)}，未回{plan.Remaining}笔");
        await db.SaveChangesAsync(ct);
        await last.CommitAsync(ct);
        return Outcome<BankResultReport>.Success(Report(true, closed));
    }
}
