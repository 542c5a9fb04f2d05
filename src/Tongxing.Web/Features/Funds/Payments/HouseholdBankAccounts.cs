using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Funds.Payments;

/// <summary>A household's 收款账户 as the viewer may see it: the number masked unless the full view was asked for (and audited).</summary>
public sealed record BankAccountView(Guid HouseholdId, string? Name, string? Number, string? Bank, bool Full, bool CanEdit, int Version)
{
    public bool Registered => Number is not null;
}

public sealed class BankAccountInput
{
    public string? Name { get; set; }
    public string? Number { get; set; }
    public string? Bank { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// The household's account for the subsidy: read masked by every office that sees the household; in full only by the
/// offices that record it (village branch, town committee), each full view audited; set or changed by them with the
/// household's version.
/// </summary>
public sealed class HouseholdBankAccounts(TongxingDb db, CurrentUser me, TimeProvider clock)
{
    public async Task<Outcome<BankAccountView>> Get(Guid id, bool full, CancellationToken ct)
    {
        if (!me.Can(Capability.ViewHouseholds))
        {
            return Outcome<BankAccountView>.Forbidden("您的岗位无权查看帮扶对象");
        }
        var h = await db.Households.AsNoTracking().Within(me.Scope).Where(x => x.Id == id)
            .Select(x => new { x.Id, x.HeadName, x.BankAccountName, x.BankAccountNumber, x.BankName, x.Version }).FirstOrDefaultAsync(ct);
        if (h is null)
        {
            return Outcome<BankAccountView>.NotFound();
        }
        var canEdit = me.Can(Capability.EditBankAccount);
        if (full && !canEdit)
        {
            return Outcome<BankAccountView>.Forbidden("完整银行账号只有村（社区）党组织和镇党委可以查看");
        }
        if (full && h.BankAccountNumber is not null)
        {
            db.Audit("查看完整银行账号", nameof(Household), h.Id.ToString(), details: $"{h.HeadName}户 {BankAccount.Mask(h.BankAccountNumber)}");
            await db.SaveChangesAsync(ct);
        }
        return Outcome<BankAccountView>.Success(new BankAccountView(h.Id, h.BankAccountName,
            full ? h.BankAccountNumber : h.BankAccountNumber is null ? null : BankAccount.Mask(h.BankAccountNumber), h.BankName, full, canEdit, h.Version));
    }

    public async Task<Outcome<int>> Set(Guid id, BankAccountInput input, CancellationToken ct)
    {
        if (me.Actor is not { } actor || !me.Can(Capability.EditBankAccount))
        {
            return Outcome<int>.Forbidden("银行账号由村（社区）党组织或镇党委登记");
        }
        var h = await db.Households.Within(me.Scope).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (h is null)
        {
            return Outcome<int>.NotFound();
        }
        if (h.Version != input.Version)
        {
            return Outcome<int>.Conflict(Changed);
        }
        var (account, check) = BankAccount.Check(input.Name, input.Number, input.Bank);
        if (account is null)
        {
            return Outcome<int>.Refused(check);
        }
        var result = h.SetBankAccount(actor, account, clock.GetUtcNow());
        if (!result.Succeeded)
        {
            return Outcome<int>.Refused(result);
        }
        db.Entry(h).Property(x => x.Version).OriginalValue = input.Version;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<int>.Conflict(Changed);
        }
        return Outcome<int>.Success(h.Version);
    }

    private const string Changed = "该户信息刚被他人修改，请刷新页面后重新填写收款账户";
}
