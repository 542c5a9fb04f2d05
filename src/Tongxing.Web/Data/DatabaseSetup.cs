using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Tongxing.Web.Data;

public static class DatabaseSetup
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    /// <summary>
    /// The context's options are built once, not per request (a profile of the list under load showed them rebuilt on
    /// every one). Nothing in them depends on the request: the audit reads the request through IHttpContextAccessor.
    /// </summary>
    private const ServiceLifetime OptionsLifetime = ServiceLifetime.Singleton;

    /// <summary>
    /// Registers <see cref="TongxingDb"/> on the provider named by <c>Database:Provider</c> (Sqlite by default,
    /// in <c>data/tongxing.db</c> under the content root; Postgres with <c>ConnectionStrings:Tongxing</c>).
    /// </summary>
    public static IServiceCollection AddDatabase(this IServiceCollection services, IConfiguration config, IWebHostEnvironment env)
    {
        var provider = config["Database:Provider"] ?? Sqlite;
        var connection = config.GetConnectionString("Tongxing");
        if (string.Equals(provider, Postgres, StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connection))
            {
                throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Tongxing is not set");
            }
            // The app leaves no state on a connection between uses (no SET, temporary tables or session locks: the
            // audit's lock is per transaction), so a pooled connection need not be reset (DISCARD ALL, one more round
            // trip) each time it is taken again; a connection string that says otherwise wins.
            if (!new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connection }.ContainsKey("No Reset On Close"))
            {
                connection = new Npgsql.NpgsqlConnectionStringBuilder(connection) { NoResetOnClose = true }.ConnectionString;
            }
            services.AddDbContext<TongxingDb, PostgresTongxingDb>(o => o.UseNpgsql(connection, x => x.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery)).AddInterceptors(AuditAtCommit.Instance),
                ServiceLifetime.Scoped, OptionsLifetime);
        }
        else if (string.Equals(provider, Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connection))
            {
                var folder = Path.Combine(env.ContentRootPath, config["Database:DataFolder"] ?? "data");
                Directory.CreateDirectory(folder);
                connection = $"Data Source={Path.Combine(folder, "tongxing.db")}";
            }
            services.AddDbContext<TongxingDb, SqliteTongxingDb>(o => o.UseSqlite(connection, x => x.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery)).AddInterceptors(AuditAtCommit.Instance),
                ServiceLifetime.Scoped, OptionsLifetime);
        }
        else
        {
            throw new InvalidOperationException($"Unknown Database:Provider '{provider}' (use Sqlite or Postgres)");
        }
        return services;
    }
}

internal sealed class DatabaseHealthCheck(TongxingDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("database unreachable");
}
