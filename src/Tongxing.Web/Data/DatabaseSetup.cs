using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Tongxing.Web.Data;

public static class DatabaseSetup
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    /// <summary>
    /// Brings the schema up to date. On SQLite, when the database has statistics (ANALYZE, as the generator runs), every
    /// index without any — one a migration just added — is analysed on its own: otherwise the planner would weigh it
    /// against measured indexes by guesswork. A whole ANALYZE would read the whole file (165 s at a million households,
    /// even within <c>analysis_limit</c>); one index takes seconds. A database never analysed is left so.
    /// PostgreSQL's autovacuum analyses new tables and columns on its own.
    /// </summary>
    public static async Task MigrateAsync(TongxingDb db, CancellationToken ct)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).Any();
        await db.Database.MigrateAsync(ct);
        if (!pending || db is not SqliteTongxingDb
            || await db.Database.SqlQueryRaw<int>("SELECT count(*) AS \"Value\" FROM sqlite_master WHERE name = 'sqlite_stat1'").SingleAsync(ct) == 0)
        {
            return;
        }
        var unmeasured = await db.Database.SqlQueryRaw<string>(
            "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' AND name NOT IN (SELECT idx FROM sqlite_stat1 WHERE idx IS NOT NULL)")
            .ToListAsync(ct);
        foreach (var index in unmeasured)
        {
            // The name is the schema's own, quoted as an identifier; ANALYZE takes no parameters.
            var sql = "ANALYZE \"" + index.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            await db.Database.ExecuteSqlRawAsync(sql, ct);
        }
    }

    /// <summary>
    /// Registers <see cref="TongxingDb"/> on the provider named by <c>Database:Provider</c> (Sqlite by default,
    /// in <c>data/tongxing.db</c> under the content root; Postgres with <c>ConnectionStrings:Tongxing</c>).
    /// The contexts are pooled and their options built once: nothing in them depends on the request (the audit reads
    /// the request through IHttpContextAccessor), and what a request leaves on its context is forgotten when the
    /// request ends (<see cref="TongxingDb.Dispose"/>). Creating a context and its services was 8 % of a fast page's CPU.
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
            services.AddDbContextPool<TongxingDb, PostgresTongxingDb>(o => o.UseNpgsql(connection, x => x.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery)).AddInterceptors(AuditAtCommit.Instance));
        }
        else if (string.Equals(provider, Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connection))
            {
                var folder = Path.Combine(env.ContentRootPath, config["Database:DataFolder"] ?? "data");
                Directory.CreateDirectory(folder);
                connection = $"Data Source={Path.Combine(folder, "tongxing.db")}";
            }
            services.AddDbContextPool<TongxingDb, SqliteTongxingDb>(o => o.UseSqlite(connection, x => x.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery)).AddInterceptors(AuditAtCommit.Instance, SqliteWriteGate.Instance));
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
