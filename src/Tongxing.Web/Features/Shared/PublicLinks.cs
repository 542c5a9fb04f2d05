namespace Tongxing.Web.Features.Shared;

/// <summary>
/// Addresses printed on paper and in QR codes (a notice's public page): always built from the configured
/// <c>Public:BaseUrl</c>, never from the request's Host header, which whoever sends the request chooses.
/// </summary>
public sealed class PublicLinks
{
    public PublicLinks(IConfiguration config)
    {
        var configured = config["Public:BaseUrl"];
        if (!Uri.TryCreate(configured, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Query.Length > 0)
        {
            throw new InvalidOperationException($"Public:BaseUrl must be the system's public address, e.g. https://tongxing.example.gov.cn (found \"{configured}\")");
        }
        Base = uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
    }

    /// <summary>The public address without a trailing slash, e.g. https://tongxing.example.gov.cn.</summary>
    public string Base { get; }

    public string Notice(string token) => $"{Base}/p/{token}";
}
