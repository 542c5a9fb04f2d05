using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Admin.Users;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Pairing;

public sealed class HelperListQuery
{
    public string? Village { get; set; }
    /// <summary>Part of a helper's name.</summary>
    public string? Q { get; set; }
    public int? Page { get; set; }
}

/// <summary>What the village types for a helper (帮扶人登记); an account is opened with it when asked.</summary>
public sealed class HelperInput
{
    public string? Name { get; set; }
    /// <summary>Male or Female.</summary>
    public string? Gender { get; set; }
    public string? Phone { get; set; }
    public string? PartyBranch { get; set; }
    public string? WorkUnit { get; set; }
    public string? Post { get; set; }
    /// <summary>WealthLeader, Technician, ScienceEnvoy or TradeAssociation.</summary>
    public string? Kind { get; set; }
    public string? Skills { get; set; }
    /// <summary>The helper's village (registration only; a village branch's own village when left out).</summary>
    public string? VillageCode { get; set; }
    /// <summary>Open the helper's sign-in account now (开通登录账号).</summary>
    public bool CreateAccount { get; set; }
    /// <summary>The account's user name; "bf" and the phone number when left out.</summary>
    public string? UserName { get; set; }
    /// <summary>The version read (changes only).</summary>
    public int Version { get; set; }
}

public sealed class HelperAccountInput
{
    public string? UserName { get; set; }
    public int Version { get; set; }
}

public sealed record HelperRow(Guid Id, string Name, string Gender, string Phone, string Kind, string PartyBranch, string? WorkUnit, string? Post, string? Skills,
    string TownName, string VillageName, string VillageCode, int Households, bool HasAccount, string? UserName, int Version);

public sealed record HelperListView(int Page, int PageSize, int Total, IReadOnlyList<HelperRow> Rows, IReadOnlyList<Area> Villages, bool CanManage, int MaxHouseholds);

/// <summary>A helper saved; <see cref="Account"/> carries the one-time password when an account was opened with it.</summary>
public sealed record HelperSaved(Guid Id, int Version, IssuedPassword? Account);

/// <summary>
/// 帮扶人登记: the helpers of the user's area, registering and changing one, and opening a helper's sign-in account —
/// by the village branch or the town committee (<see cref="Capability.ManageHelpers"/>), inside their own area. The
/// account goes through the administrators' account code (checks, hashing, audit) under <see cref="HelperRules.MayCreateAccount"/>:
/// office 党员帮扶人 only, in the helper's village, a one-time password to change at first sign-in; helper and account in one save.
/// </summary>
public sealed class HelpersRegister(TongxingDb db, CurrentUser me, AreaDirectory areas, UserAccounts accounts, UserManager<AppUser> users, TimeProvider clock)
{
    public const int PageSize = 30;
    public const string Changed = "该帮扶人的信息刚被他人修改，请刷新页面后重试";

    private bool MayRead => me.Can(Capability.ManageHelpers) || me.Can(Capability.PairHouseholds) || me.Can(Capability.ViewHouseholds);

    public async Task<Outcome<HelperListView>> List(HelperListQuery query, CancellationToken ct)
    {
        if (!MayRead || me.Scope is null)
        {
            return Outcome<HelperListView>.Forbidden("您的岗位无权查看帮扶人");
        }
        var within = await areas.WithinAsync(me.Scope, ct);
        var helpers = db.Helpers.AsNoTracking().Within(me.Scope);
        if (!string.IsNullOrEmpty(query.Village))
        {
            helpers = helpers.Where(h => h.VillageCode == QueryScope.FilterCode(query.Village));
        }
        if (query.Q?.Trim() is { Length: > 0 } q)
        {
            if (q.Length > Helper.MaxNameLength)
            {
                return Outcome<HelperListView>.Invalid([new FieldError("Q", $"搜索内容不能超过{Helper.MaxNameLength}个字")]);
            }
            helpers = helpers.Where(h => h.Name.Contains(q));
        }
        var total = await helpers.CountAsync(ct);
        var page = Math.Clamp(query.Page ?? 1, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var found = await helpers.OrderBy(h => h.VillageCode).ThenBy(h => h.Name).ThenBy(h => h.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        var rows = await RowsAsync(found, ct);
        var programme = await ProgrammeAsync(ct);
        return Outcome<HelperListView>.Success(new HelperListView(page, PageSize, total, rows, within.Where(a => a.Level == AreaLevel.Village && !a.IsRetired).ToList(),
            me.Can(Capability.ManageHelpers), programme?.MaxHouseholdsPerHelper ?? 0));
    }

    public async Task<Outcome<HelperRow>> One(Guid id, CancellationToken ct)
    {
        if (!MayRead)
        {
            return Outcome<HelperRow>.Forbidden("您的岗位无权查看帮扶人");
        }
        var helper = await db.Helpers.AsNoTracking().Within(me.Scope).FirstOrDefaultAsync(h => h.Id == id, ct);
        return helper is null ? Outcome<HelperRow>.NotFound() : Outcome<HelperRow>.Success((await RowsAsync([helper], ct))[0]);
    }

    public async Task<Outcome<HelperSaved>> Register(HelperInput input, CancellationToken ct)
    {
        if (me.Actor is not { } actor || !actor.Role.Can(Capability.ManageHelpers))
        {
            return Outcome<HelperSaved>.Forbidden(HelperRules.NotAllowed);
        }
        var (details, result) = HelperRules.Check(input.Name, input.Gender, input.Phone, input.PartyBranch, input.WorkUnit, input.Post, input.Kind, input.Skills);
        var errors = result.Errors.ToList();
        var villageCode = string.IsNullOrEmpty(input.VillageCode) && actor.Scope.Level == AreaLevel.Village ? actor.Scope.Code : input.VillageCode;
        var village = (await areas.InUseWithinAsync(actor.Scope, ct)).FirstOrDefault(a => a.Code == villageCode && a.Level == AreaLevel.Village);
        if (village is null)
        {
            errors.Add(new FieldError("VillageCode", string.IsNullOrEmpty(villageCode) ? "请选择帮扶人所在的村（社区）" : "所选村（社区）不在您的管辖范围内"));
        }
        if (errors.Count > 0)
        {
            return Outcome<HelperSaved>.Invalid(errors);
        }
        var path = (await areas.PathOfAsync(village!.Code, ct))!;
        if (await SamePhoneAsync(details!.Phone, path.DistrictCode, null, ct) is { } same)
        {
            return Outcome<HelperSaved>.Invalid([same]);
        }
        var helper = Helper.Register(details!, path, actor, clock.GetUtcNow());
        db.Helpers.Add(helper);
        if (!input.CreateAccount)
        {
            await db.SaveChangesAsync(ct);
            return Outcome<HelperSaved>.Success(new HelperSaved(helper.Id, helper.Version, null));
        }
        return await OpenAccountAsync(actor, helper, village, input.UserName, ct);
    }

    /// <summary>
    /// One person is one helper in a district: a second record with the same phone would give them a second limit of
    /// households (and a second account). The phone tells them apart where names repeat.
    /// </summary>
    private async Task<FieldError?> SamePhoneAsync(string phone, string district, Guid? except, CancellationToken ct)
    {
        var other = await db.Helpers.AsNoTracking().Where(h => h.DistrictCode == district && h.Phone == phone && h.Id != except)
            .Select(h => new { h.Name, h.VillageCode }).FirstOrDefaultAsync(ct);
        return other is null ? null : new FieldError("Phone", $"该手机号已登记为帮扶人{other.Name}（{(await areas.NamesAsync([other.VillageCode], ct)).GetValueOrDefault(other.VillageCode, "")}），同一人只登记一次");
    }

    public async Task<Outcome<HelperSaved>> Change(Guid id, HelperInput input, CancellationToken ct)
    {
        var (_, helper, refused) = await FindAsync(id, input.Version, ct);
        if (helper is null)
        {
            return refused!;
        }
        var (details, result) = HelperRules.Check(input.Name, input.Gender, input.Phone, input.PartyBranch, input.WorkUnit, input.Post, input.Kind, input.Skills);
        if (!result.Succeeded)
        {
            return Outcome<HelperSaved>.Refused(result);
        }
        if (await SamePhoneAsync(details!.Phone, helper.DistrictCode, helper.Id, ct) is { } same)
        {
            return Outcome<HelperSaved>.Invalid([same]);
        }
        helper.Change(details!);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<HelperSaved>.Conflict(Changed);
        }
        return Outcome<HelperSaved>.Success(new HelperSaved(helper.Id, helper.Version, null));
    }

    /// <summary>开通登录账号 for a registered helper without one.</summary>
    public async Task<Outcome<HelperSaved>> OpenAccount(Guid id, HelperAccountInput input, CancellationToken ct)
    {
        var (actor, helper, refused) = await FindAsync(id, input.Version, ct);
        if (helper is null)
        {
            return refused!;
        }
        if (helper.UserId is not null)
        {
            return Outcome<HelperSaved>.Conflict($"帮扶人{helper.Name}已开通登录账号；忘记密码请联系系统管理员重置");
        }
        var village = await db.Areas.AsNoTracking().FirstAsync(a => a.Code == helper.VillageCode, ct);
        return await OpenAccountAsync(actor!, helper, village, input.UserName, ct);
    }

    /// <summary>A helper of the user's area to change, at the version read; otherwise why not.</summary>
    private async Task<(Actor? Actor, Helper? Helper, Outcome<HelperSaved>? Refused)> FindAsync(Guid id, int version, CancellationToken ct)
    {
        if (me.Actor is not { } actor || !actor.Role.Can(Capability.ManageHelpers))
        {
            return (null, null, Outcome<HelperSaved>.Forbidden(HelperRules.NotAllowed));
        }
        var helper = await db.Helpers.Within(me.Scope).FirstOrDefaultAsync(h => h.Id == id, ct);
        if (helper is null)
        {
            return (actor, null, Outcome<HelperSaved>.NotFound());
        }
        return helper.Version != version ? (actor, null, Outcome<HelperSaved>.Conflict(Changed)) : (actor, helper, null);
    }

    /// <summary>The helper's account, checked like an administrator's but under the helper rule; saved with the helper in one step.</summary>
    private async Task<Outcome<HelperSaved>> OpenAccountAsync(Actor actor, Helper helper, Area village, string? userName, CancellationToken ct)
    {
        var input = new UserInput
        {
            DisplayName = helper.Name,
            UserName = string.IsNullOrWhiteSpace(userName) ? HelperRules.SuggestUserName(helper.Phone) : userName.Trim(),
            PhoneNumber = helper.Phone,
            Role = Role.Helper,
            AreaCode = village.Code,
        };
        var (errors, area) = await accounts.Check(input, null, ct);
        if (errors.Count > 0)
        {
            return Outcome<HelperSaved>.Invalid(errors.Select(e => e with { Field = e.Field switch { "DisplayName" => "Name", "PhoneNumber" => "Phone", "AreaCode" => "VillageCode", _ => e.Field } }).ToList());
        }
        var rule = HelperRules.MayCreateAccount(actor, Role.Helper, area!);
        if (!rule.Succeeded)
        {
            return Outcome<HelperSaved>.Refused(rule);
        }
        var password = UserAdministration.TemporaryPassword();
        var user = UserAccounts.Prepare(users, input, area!, password, mustChange: true);
        helper.LinkAccount(user.Id);
        List<FieldError>? failed;
        try
        {
            // Identity saves the account together with the helper (and the audit line) in one SaveChanges.
            failed = await UserAccounts.Insert(db, users, user, area!.Name, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<HelperSaved>.Conflict(Changed);
        }
        catch (DbUpdateException failure) when (TransientFailureAnswers.Retryable(failure) is null)
        {
            return Outcome<HelperSaved>.Conflict($"用户名“{input.UserName}”刚被他人使用，或该帮扶人已开通账号，请刷新后重试");
        }
        return failed is null
            ? Outcome<HelperSaved>.Success(new HelperSaved(helper.Id, helper.Version, new IssuedPassword(user.Id, user.UserName!, user.DisplayName, password)))
            : Outcome<HelperSaved>.Invalid(failed);
    }

    private async Task<List<HelperRow>> RowsAsync(IReadOnlyList<Helper> found, CancellationToken ct)
    {
        var names = await areas.NamesAsync(found.SelectMany(h => new[] { h.TownCode, h.VillageCode }), ct);
        var accountIds = found.Where(h => h.UserId != null).Select(h => h.UserId!).ToList();
        var manage = me.Can(Capability.ManageHelpers);
        var userNames = manage && accountIds.Count > 0
            ? await db.Users.AsNoTracking().Where(u => accountIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName ?? "", ct)
            : [];
        return found.Select(h => new HelperRow(h.Id, h.Name, Labels.Of(h.Gender), manage ? h.Phone : UserAdministration.MaskPhone(h.Phone), PairingLabels.Of(h.Kind),
            h.PartyBranch, h.WorkUnit, h.Post, h.Skills, names.GetValueOrDefault(h.TownCode, ""), names.GetValueOrDefault(h.VillageCode, ""), h.VillageCode,
            h.ActiveHouseholds, h.UserId is not null, h.UserId is { } u ? userNames.GetValueOrDefault(u) : null, h.Version)).ToList();
    }

    private async Task<Programme?> ProgrammeAsync(CancellationToken ct)
    {
        var district = await areas.DistrictOfAsync(me.Scope, ct);
        return district is null ? null : await Households.HouseholdChecks.CurrentProgrammeAsync(db, district, clock.Today(), ct);
    }
}
