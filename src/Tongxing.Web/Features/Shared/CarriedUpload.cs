namespace Tongxing.Web.Features.Shared;

/// <summary>
/// The file of a dry run, carried in the confirm form (base64) with the dry run's fingerprint, so that the apply checks
/// the very bytes the user saw checked and nothing is kept on the server between the two steps.
/// </summary>
public static class CarriedUpload
{
    public const string AgainMessage = "请重新选择文件试导入";

    public static string Encode(byte[] content) => Convert.ToBase64String(content);

    /// <summary>The carried bytes; null when they are missing or unreadable or the fingerprint is gone (run the dry run again).</summary>
    public static byte[]? Decode(string? carried, string? fingerprint)
    {
        if (string.IsNullOrEmpty(carried) || string.IsNullOrEmpty(fingerprint))
        {
            return null;
        }
        try
        {
            var bytes = Convert.FromBase64String(carried);
            return bytes.Length == 0 ? null : bytes;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
