using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Tongxing.Web.Data;

/// <summary>Used by <c>dotnet ef</c> only (scripts/add-migration.sh); the connection strings are never opened.</summary>
internal sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteTongxingDb>
{
    public SqliteTongxingDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteTongxingDb>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresTongxingDb>
{
    public PostgresTongxingDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresTongxingDb>().UseNpgsql("Host=localhost;Database=design").Options);
}
