using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Tongxing.Web.Features.Shared;

/// <summary>
/// Lists page by a query value named <c>Page</c> (as the API does), which Razor Pages reserves: its route value "page"
/// holds the page's own path. Two things follow, both handled here once: the route value must not be bound to a list's
/// <c>Page</c> (it shadowed <c>?Page=2</c>, so every list stayed on page 1), and a list's links cannot be made with
/// <c>Url.Page(…, new { Page = n })</c>, which overwrites the number with the page's path (every link led to page 1).
/// </summary>
public static class PageLinks
{
    /// <summary>
    /// <paramref name="path"/> with <paramref name="values"/> (an anonymous object) as its query, leaving out empty ones,
    /// each written as <c>Url.Page</c> writes route values (invariant culture), so that model binding reads it back.
    /// </summary>
    public static string To(string path, object values)
    {
        var query = new RouteValueDictionary(values)
            .Select(v => new KeyValuePair<string, string?>(v.Key, Convert.ToString(v.Value, CultureInfo.InvariantCulture)))
            .Where(v => !string.IsNullOrEmpty(v.Value));
        return path + QueryString.Create(query).ToUriComponent();
    }

    /// <summary>Binds pages' models from the route without its reserved "page" value (the query's <c>Page</c> is read instead).</summary>
    public static void BindWithoutPageRouteValue(MvcOptions options)
    {
        var route = options.ValueProviderFactories.OfType<RouteValueProviderFactory>().FirstOrDefault();
        if (route is not null)
        {
            options.ValueProviderFactories[options.ValueProviderFactories.IndexOf(route)] = new RouteWithoutPageFactory();
        }
    }

    private sealed class RouteWithoutPageFactory : IValueProviderFactory
    {
        public Task CreateValueProviderAsync(ValueProviderFactoryContext context)
        {
            context.ValueProviders.Add(new RouteWithoutPage(context.ActionContext.RouteData.Values));
            return Task.CompletedTask;
        }
    }

    private sealed class RouteWithoutPage(RouteValueDictionary values) : RouteValueProvider(BindingSource.Path, values)
    {
        private static bool Reserved(string key) => string.Equals(key, "page", StringComparison.OrdinalIgnoreCase);

        public override bool ContainsPrefix(string prefix) => !Reserved(prefix) && base.ContainsPrefix(prefix);

        public override ValueProviderResult GetValue(string key) => Reserved(key) ? ValueProviderResult.None : base.GetValue(key);
    }
}
