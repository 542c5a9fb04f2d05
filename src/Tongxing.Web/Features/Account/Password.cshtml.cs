using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Auth;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Account;

/// <summary>修改密码: every user's own password; the only page open to a user whose password must be changed.</summary>
public sealed class PasswordModel(ChangePassword handler, CurrentUser me, Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Identity.IdentityOptions> identity) : PageModel
{
    public int MinLength => identity.Value.Password.RequiredLength;

    [BindProperty]
    [DataType(DataType.Password)]
    [Display(Name = "原密码")]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    [DataType(DataType.Password)]
    [Display(Name = "新密码")]
    public string? NewPassword { get; set; }

    [BindProperty]
    [DataType(DataType.Password)]
    [Display(Name = "再次输入新密码")]
    public string? ConfirmPassword { get; set; }

    [BindProperty(SupportsGet = true)]
    [StringLength(2000, ErrorMessage = "返回地址过长")]
    public string? ReturnUrl { get; set; }

    /// <summary>The password was set by someone else and must be changed before anything else.</summary>
    public bool Forced => me.MustChangePassword;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await handler.Handle(new ChangePasswordCommand(CurrentPassword, NewPassword, ConfirmPassword), ct);
        // Passwords are never written back into the form.
        foreach (var key in new[] { nameof(CurrentPassword), nameof(NewPassword), nameof(ConfirmPassword) })
        {
            ModelState.SetModelValue(key, null, null);
        }
        switch (outcome.Status)
        {
            case OutcomeStatus.Ok:
                TempData["Message"] = outcome.Value > 0
                    ? $"密码已修改。其他设备上的登录将在1分钟内失效；您的{outcome.Value}个API令牌已同时作废，如需继续使用请重新签发。"
                    : "密码已修改。其他设备上的登录将在1分钟内失效。";
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
            case OutcomeStatus.NotFound:
                return NotFound();
            default:
                if (outcome.Status == OutcomeStatus.Forbidden)
                {
                    Response.StatusCode = StatusCodes.Status403Forbidden;
                }
                foreach (var e in outcome.Errors)
                {
                    ModelState.AddModelError(e.Field, e.Message);
                }
                return Page();
        }
    }
}
