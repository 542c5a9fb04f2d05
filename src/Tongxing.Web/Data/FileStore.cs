using System.Text.RegularExpressions;

namespace Tongxing.Web.Data;

/// <summary>
/// Uploaded files, kept outside the web root (<c>Uploads:Path</c>; by default <c>uploads</c> in the data folder,
/// <c>Database:DataFolder</c> or <c>data</c> under the content root, so that two instances with their own data folders
/// never share photos) under generated names; nothing a user typed ever becomes part of a path.
/// </summary>
public sealed partial class FileStore(IConfiguration config, IWebHostEnvironment env)
{
    [GeneratedRegex("^[0-9a-f]{32}\\.(jpg|png|docx|xlsx|pdf)$")]
    private static partial Regex StoredName();

    public string Root => Path.GetFullPath(Path.Combine(env.ContentRootPath, config["Uploads:Path"] ?? Path.Combine(config["Database:DataFolder"] ?? "data", "uploads")));

    public async Task<string> SaveAsync(byte[] content, string extension, CancellationToken ct)
    {
        var name = Guid.NewGuid().ToString("N") + extension;
        var path = Path.Combine(Root, name);
        try
        {
            Directory.CreateDirectory(Root);
            await File.WriteAllBytesAsync(path, content, ct);
        }
        catch (IOException e)
        {
            // A disk that filled up mid-write leaves a partial file no record points to: remove it.
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
            }
            throw new UploadNotStoredException(e);
        }
        return name;
    }

    public Stream? Open(string storedName)
    {
        if (!StoredName().IsMatch(storedName))
        {
            return null;
        }
        var path = Path.Combine(Root, storedName);
        return File.Exists(path) ? File.OpenRead(path) : null;
    }
}
