using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;
using Tongxing.Web.Features.Survey;

namespace Tongxing.Web.Features.Approvals;

/// <summary>One action taken on many households at once: the district's review and every step of the approval chain.</summary>
public enum BatchAction
{
    /// <summary>区残联审核通过</summary>
    Accept = 1,
    /// <summary>区残联退回村（社区）（须填写原因）</summary>
    Return = 2,
    /// <summary>村登记申请</summary>
    Apply = 3,
    /// <summary>村党组织审批</summary>
    ApproveByVillage = 4,
    /// <summary>镇党委审批</summary>
    ApproveByTown = 5,
    /// <summary>区残联审批</summary>
    ApproveByDistrict = 6,
    /// <summary>镇党委备案</summary>
    File = 7,
}

public sealed class BatchCommand
{
    public BatchAction Action { get; set; }
    /// <summary>The comment or reason recorded on every household (required to return).</summary>
    public string? Comment { get; set; }
    public List<Guid> Households { get; set; } = [];
}

/// <summary>What became of one household of the batch: done, or refused and why (its kind as for a single action).</summary>
public sealed record BatchItemResult(Guid Id, string? HeadName, OutcomeStatus Status, string Message)
{
    public bool Done => Status == OutcomeStatus.Ok;
}

public sealed record BatchResult(string Action, int Done, int Refused, IReadOnlyList<BatchItemResult> Items);

/// <summary>
/// Select many → one action. Each household goes through the same handler as the single action (its own checks of office,
/// area and state, its own transaction and concurrency check), so one refused household does not stop the others, and a
/// household outside the user's area is reported as not found and never touched.
/// </summary>
public sealed class BatchActions(TongxingDb db, CurrentUser me, ReviewHousehold review, ApprovalActions approvals, IConfiguration config)
{
    /// <summary>Most households one batch may name (a town's quota is at most a few hundred).</summary>
    public int MaxHouseholds => config.GetValue("Approvals:MaxBatch", 500);

    public static string Label(BatchAction action) => action switch
    {
        BatchAction.Accept => "审核通过",
        BatchAction.Return => "退回村（社区）",
        _ when Step(action) is { } step => ApprovalChain.Of(step).Label,
        _ => "",
    };

    /// <summary>The approval step a batch action takes, if it is one.</summary>
    public static ApprovalStep? Step(BatchAction action) => action switch
    {
        BatchAction.Apply => ApprovalStep.Apply,
        BatchAction.ApproveByVillage => ApprovalStep.ApproveByVillage,
        BatchAction.ApproveByTown => ApprovalStep.ApproveByTown,
        BatchAction.ApproveByDistrict => ApprovalStep.ApproveByDistrict,
        BatchAction.File => ApprovalStep.File,
        _ => null,
    };

    /// <summary>The batch action taking a step of the chain; null for a value that is no step (never read as filing).</summary>
    public static BatchAction? Of(ApprovalStep step) => step switch
    {
        ApprovalStep.Apply => BatchAction.Apply,
        ApprovalStep.ApproveByVillage => BatchAction.ApproveByVillage,
        ApprovalStep.ApproveByTown => BatchAction.ApproveByTown,
        ApprovalStep.ApproveByDistrict => BatchAction.ApproveByDistrict,
        ApprovalStep.File => BatchAction.File,
        _ => null,
    };

    public async Task<Outcome<BatchResult>> Handle(BatchCommand command, CancellationToken ct)
    {
        if (me.Actor is null)
        {
            return Outcome<BatchResult>.Forbidden("无权操作");
        }
        if (!Enum.IsDefined(command.Action))
        {
            return Outcome<BatchResult>.Invalid([new FieldError("Action", "请选择要办理的事项")]);
        }
        var ids = command.Households.Distinct().ToList();
        if (ids.Count == 0)
        {
            return Outcome<BatchResult>.Invalid([new FieldError("Households", "请至少勾选一户")]);
        }
        if (ids.Count > MaxHouseholds)
        {
            return Outcome<BatchResult>.Invalid([new FieldError("Households", $"一次最多办理{MaxHouseholds}户，请分批办理")]);
        }
        var known = await db.Households.AsNoTracking().Within(me.Scope).Where(h => ids.Contains(h.Id))
            .Select(h => new { h.Id, h.HeadName, h.Version }).ToDictionaryAsync(h => h.Id, ct);

        var items = new List<BatchItemResult>(ids.Count);
        var atField = new List<FieldError?>(ids.Count);
        foreach (var id in ids)
        {
            if (!known.TryGetValue(id, out var h))
            {
                items.Add(new BatchItemResult(id, null, OutcomeStatus.NotFound, "未找到该户，或不在您的管辖范围内"));
                atField.Add(null);
                continue;
            }
            // Each household starts from a clean context: what a refused or lost one left tracked is not saved with the next.
            db.ChangeTracker.Clear();
            var outcome = Step(command.Action) is { } step
                ? await approvals.Handle(id, new ApprovalCommand(ApprovalAction.Approve, step, command.Comment, h.Version), ct)
                : await review.Handle(id, new ReviewCommand(command.Action == BatchAction.Accept ? ReviewDecision.Accept : ReviewDecision.Return, command.Comment, h.Version), ct);
            items.Add(new BatchItemResult(id, h.HeadName, outcome.Status,
                outcome.Ok ? "已办理" : string.Join("；", outcome.Errors.Select(e => e.Message).Distinct())));
            atField.Add(outcome.Errors.FirstOrDefault(e => e.Field.Length > 0));
        }
        db.ChangeTracker.Clear();

        // The same refusal of every household at one field (no reason given) or for the office: said once, as for one household.
        if (items.All(i => i.Status == OutcomeStatus.Forbidden))
        {
            return Outcome<BatchResult>.Forbidden(items[0].Message);
        }
        var done = items.Count(i => i.Done);
        if (done == 0 && atField.All(e => e is not null) && atField.Select(e => e!.Message).Distinct().Count() == 1)
        {
            return Outcome<BatchResult>.Invalid([new FieldError(nameof(BatchCommand.Comment), atField[0]!.Message)]);
        }
        return Outcome<BatchResult>.Success(new BatchResult(Label(command.Action), done, items.Count - done, items));
    }
}
