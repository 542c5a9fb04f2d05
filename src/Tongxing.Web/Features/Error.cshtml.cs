using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Tongxing.Web.Features;

[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "出错了";
    public const string Failed = "系统处理时出错，请稍后重试。如多次出现，请联系区残联管理员。";

    public string Message { get; private set; } = Failed;

    public void OnGet(int? code) => Describe(code);
    public void OnPost(int? code) => Describe(code);
    public void OnPut(int? code) => Describe(code);
    public void OnDelete(int? code) => Describe(code);
    public void OnPatch(int? code) => Describe(code);

    private void Describe(int? code)
    {
        (Title, Message) = code switch
        {
            404 => ("未找到", "您要找的页面或记录不存在，或不在您的管辖范围内。"),
            403 => ("无权访问", "您的岗位无权进行此操作。"),
            400 => ("请求有误", "提交的内容无效，请返回后重试。"),
            405 => ("操作无效", "此页面不接受该操作，请返回后重新打开页面办理。"),
            429 => ("操作过于频繁", "登录尝试过于频繁，请1分钟后再试。同一单位多人共用一个网络时，请依次登录。"),
            _ => (Title, Message),
        };
    }
}
