using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Tongxing.Web.Data;

namespace Tongxing.Web.Features.Account;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting("signin")]
public sealed class LoginModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, IPasswordHasher<AppUser> hasher, TongxingDb db, TimeProvider clock,
    IMemoryCache cache, ILogger<LoginModel> log, Auth.PasswordWork turns) : PageModel
{
    /// <summary>Longer input is refused before anything is looked up, hashed, logged or audited.</summary>
    public const int MaxUserName = 50;
    public const int MaxPassword = 128;

    /// <summary>A hash no password matches, checked for unknown user names so they take as long as known ones.</summary>
    private static readonly Lazy<string> NoSuchUserHash = new(() => new PasswordHasher<AppUser>().HashPassword(new AppUser(), Guid.NewGuid().ToString()));

    [BindProperty]
    [Required(ErrorMessage = "请填写用户名")]
    [StringLength(MaxUserName, ErrorMessage = "用户名不超过50个字符")]
    [Display(Name = "用户名")]
    public string UserName { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "请填写密码")]
    [StringLength(MaxPassword, ErrorMessage = "密码不超过128个字符")]
    [DataType(DataType.Password)]
    [Display(Name = "密码")]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    [StringLength(2000, ErrorMessage = "返回地址过长")]
    public string? ReturnUrl { get; set; }

    /// <summary>No account exists yet (a fresh instance without demo data): the page says how to create the first administrator.</summary>
    public bool NoUsers { get; private set; }

    public void OnGet()
    {
    }

    public override async Task OnPageHandlerExecutionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context, Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutionDelegate next)
    {
        NoUsers = !await db.Users.AnyAsync(HttpContext.RequestAborted);
        await next();
    }

    /// <summary>Logs the attempt; one on a known account names it, so the account's own area can read it.</summary>
    private async Task Audit(string action, string details, AppUser? account = null)
    {
        db.Audit(action, nameof(AppUser), account?.Id, details: details);
        await db.SaveChangesAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            // Nothing over-long is echoed back into the form either.
            if (UserName.Length > MaxUserName)
            {
                ModelState.SetModelValue(nameof(UserName), string.Empty, string.Empty);
            }
            ModelState.SetModelValue(nameof(ReturnUrl), null, null);
            ModelState.SetModelValue(nameof(Password), null, null);
            return Page();
        }
        var user = await users.FindByNameAsync(UserName.Trim());
        if (user is { DisabledAt: not null })
        {
            // A disabled account is answered as a wrong password, after the same one password check.
            await turns.RunAsync(() => hasher.VerifyHashedPassword(user, user.PasswordHash ?? NoSuchUserHash.Value, Password), HttpContext.RequestAborted);
            log.LogWarning("Sign-in refused, account disabled {User} from {Address}", UserName, HttpContext.Connection.RemoteIpAddress);
            await Audit("登录失败", $"用户名：{UserName.Trim()}；账号已停用", user);
            ModelState.AddModelError(string.Empty, NoAccountAnswer());
            return Page();
        }
        if (user is null)
        {
            // As long as a real account's password check: the answer's time does not tell which user names exist.
            await turns.RunAsync(() => hasher.VerifyHashedPassword(new AppUser(), NoSuchUserHash.Value, Password), HttpContext.RequestAborted);
            log.LogWarning("Sign-in failed {User} from {Address}", UserName, HttpContext.Connection.RemoteIpAddress);
            await Audit("登录失败", $"用户名：{UserName.Trim()}；用户名或密码不正确");
            ModelState.AddModelError(string.Empty, NoAccountAnswer());
            return Page();
        }
        // Identity answers an account already locked without checking its password (see below).
        var lockedBefore = user.LockoutEnd is { } lockedUntil && lockedUntil > TimeProvider.System.GetUtcNow();
        var result = await signIn.PasswordSignInAsync(user, Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            log.LogInformation("Sign-in {User} from {Address}", UserName, HttpContext.Connection.RemoteIpAddress);
            await Auth.CompletedSignIn.RecordAsync(db, user, clock.GetUtcNow(), $"用户名：{UserName.Trim()}", HttpContext.RequestAborted);
            return LocalRedirect(Auth.CompletedSignIn.Next(user, ReturnUrl, Url.IsLocalUrl));
        }
        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("LoginTwoFactor", new { ReturnUrl });
        }
        if (result.IsLockedOut)
        {
            // Identity sets the lock-out's end on the machine's clock, not the app's (the demo runs on a clock of 2020).
            var minutes = user.LockoutEnd is { } end ? LockedMinutes(end) : (int)users.Options.Lockout.DefaultLockoutTimeSpan.TotalMinutes;
            if (lockedBefore)
            {
                // The one password check Identity skipped: the time alike for a locked account and a name with none.
                await turns.RunAsync(() => hasher.VerifyHashedPassword(user, user.PasswordHash ?? NoSuchUserHash.Value, Password), HttpContext.RequestAborted);
            }
            log.LogWarning("Sign-in refused, locked out {User} from {Address}", UserName, HttpContext.Connection.RemoteIpAddress);
            await Audit("登录失败", $"用户名：{UserName.Trim()}；账号已锁定", user);
            ModelState.AddModelError(string.Empty, LockedMessage(minutes));
            return Page();
        }
        log.LogWarning("Sign-in failed {User} from {Address}", UserName, HttpContext.Connection.RemoteIpAddress);
        await Audit("登录失败", $"用户名：{UserName.Trim()}；用户名或密码不正确", user);
        ModelState.AddModelError(string.Empty, "用户名或密码不正确。");
        return Page();
    }

    private static string LockedMessage(int minutes) => $"密码连续输错次数过多，账号已锁定，请{minutes}分钟后再试或联系管理员解锁。";

    private static int LockedMinutes(DateTimeOffset end) => Math.Clamp((int)Math.Ceiling((end - TimeProvider.System.GetUtcNow()).TotalMinutes), 1, 24 * 60);

    /// <summary>
    /// The answer to a name that cannot sign in (no such account, or disabled): a wrong password, and after as many tries
    /// as lock a real account, the same lock-out message for as long — so neither the words nor their timing tell which
    /// names are accounts. Counted per name on this node, on the machine's clock as Identity's lock-out is.
    /// </summary>
    private string NoAccountAnswer()
    {
        var lockout = users.Options.Lockout;
        var key = "signin-no-account:" + UserName.Trim().ToUpperInvariant();
        var now = TimeProvider.System.GetUtcNow();
        var tries = cache.Get<(int Count, DateTimeOffset? LockedUntil)>(key);
        if (tries.LockedUntil is { } until && until > now)
        {
            return LockedMessage(LockedMinutes(until));
        }
        var count = tries.LockedUntil is null ? tries.Count + 1 : 1;
        var locked = count >= lockout.MaxFailedAccessAttempts ? now + lockout.DefaultLockoutTimeSpan : (DateTimeOffset?)null;
        cache.Set(key, (locked is null ? count : 0, locked), lockout.DefaultLockoutTimeSpan);
        return locked is { } end ? LockedMessage(LockedMinutes(end)) : "用户名或密码不正确。";
    }
}
