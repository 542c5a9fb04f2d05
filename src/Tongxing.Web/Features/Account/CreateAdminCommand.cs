namespace Tongxing.Web.Features.Account;

/// <summary>The <c>create-admin</c> command: the first administrator of a fresh instance (placeholder until the use case lands).</summary>
public static class CreateAdminCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, string userName, string areaCode, TextWriter output, CancellationToken ct)
    {
        await output.WriteLineAsync("未实现".AsMemory(), ct);
        return 1;
    }
}
