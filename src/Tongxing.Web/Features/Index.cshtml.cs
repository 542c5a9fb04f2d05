using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Features.Programmes;

namespace Tongxing.Web.Features;

public sealed class IndexModel(CurrentProgramme programme) : PageModel
{
    public ProgrammeView? Programme { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Programme = (await programme.Handle(ct)).Value;
}
