namespace Tongxing.Web.Features.Shared;

/// <summary>Large downloads are written to a temporary file (deleted when the response is sent), not to memory.</summary>
public static class Downloads
{
    /// <summary>Runs <paramref name="write"/> into a temporary file and returns it rewound, ready to send; the file is deleted when the stream is closed.</summary>
    public static async Task<Stream> WriteToTempFileAsync(Func<Stream, Task> write, CancellationToken ct)
    {
        var stream = new FileStream(Path.Combine(Path.GetTempPath(), "tongxing-" + Guid.NewGuid().ToString("N")), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await write(stream);
            await stream.FlushAsync(ct);
            stream.Position = 0;
            return stream;
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }
}
