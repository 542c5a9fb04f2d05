namespace Tongxing.Web.Features.Areas;

/// <summary>The <c>import-areas</c> command: the official division codes from a file (placeholder until the use case lands).</summary>
public static class ImportAreasCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, string path, bool dryRun, TextWriter output, CancellationToken ct)
    {
        await output.WriteLineAsync("未实现".AsMemory(), ct);
        return 1;
    }
}
