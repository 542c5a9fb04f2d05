using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Documents;

/// <summary>
/// Bounds what decoding uploaded photos may cost the server: each picture is decoded within a pixel budget
/// (<c>Uploads:DecodePixelBudget</c>), and only so many at once (<c>Uploads:MaxConcurrentDecodes</c>). An upload that
/// finds every slot taken waits <c>Uploads:DecodeWaitSeconds</c> at most and is then answered "busy, try again",
/// so a burst of uploads never queues without bound nor multiplies the memory.
/// </summary>
public sealed class PhotoDecoding(IConfiguration config) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, config.GetValue("Uploads:MaxConcurrentDecodes", 2)));

    public long PixelBudget { get; } = Math.Max(1, config.GetValue("Uploads:DecodePixelBudget", ImageSanitizer.DefaultDecodePixelBudget));

    private TimeSpan Wait { get; } = TimeSpan.FromSeconds(Math.Max(0, config.GetValue("Uploads:DecodeWaitSeconds", 10)));

    /// <summary>Takes a decoding slot, or null when none came free in time; dispose the slot to give it back.</summary>
    public async Task<IDisposable?> EnterAsync(CancellationToken ct) =>
        await _slots.WaitAsync(Wait, ct) ? new Slot(_slots) : null;

    /// <summary>The photo with its metadata removed; refused with a reason, or "busy" when no slot came free.</summary>
    public async Task<Outcome<CleanImage>> CleanAsync(byte[] data, CancellationToken ct)
    {
        using var slot = await EnterAsync(ct);
        if (slot is null)
        {
            return Outcome<CleanImage>.Busy("正在处理的照片较多，请稍后再上传");
        }
        var (image, error) = ImageSanitizer.Clean(data, PixelBudget);
        return image is null ? Outcome<CleanImage>.Invalid([new FieldError("Photo", error!)]) : Outcome<CleanImage>.Success(image);
    }

    public void Dispose() => _slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
