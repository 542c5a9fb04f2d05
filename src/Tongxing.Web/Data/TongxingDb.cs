using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Tongxing.Web.Domain;

namespace Tongxing.Web.Data;

/// <summary>
/// The one DbContext. Each database provider has a subclass (<see cref="SqliteTongxingDb"/>,
/// <see cref="PostgresTongxingDb"/>) only so that each keeps its own migrations; the model is the same.
/// </summary>
public abstract class TongxingDb(DbContextOptions options) : IdentityDbContext<AppUser>(options)
{
    public DbSet<Area> Areas => Set<Area>();
    public DbSet<Programme> Programmes => Set<Programme>();
    public DbSet<Household> Households => Set<Household>();
    public DbSet<Member> Members => Set<Member>();
    public DbSet<HouseholdEvent> HouseholdEvents => Set<HouseholdEvent>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<SurveySubmission> SurveySubmissions => Set<SurveySubmission>();
    public DbSet<ImportUpload> ImportUploads => Set<ImportUpload>();
    public DbSet<HolidayDay> HolidayDays => Set<HolidayDay>();
    public DbSet<Notice> Notices => Set<Notice>();
    public DbSet<NoticeEntry> NoticeEntries => Set<NoticeEntry>();
    public DbSet<Objection> Objections => Set<Objection>();
    public DbSet<HolidayYear> HolidayYears => Set<HolidayYear>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(TongxingDb).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Money>().HaveConversion<MoneyConverter>();
    }
}

public sealed class SqliteTongxingDb(DbContextOptions<SqliteTongxingDb> options) : TongxingDb(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite cannot order or compare DateTimeOffset stored as text; store UTC ticks instead.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

public sealed class PostgresTongxingDb(DbContextOptions<PostgresTongxingDb> options) : TongxingDb(options);

internal sealed class MoneyConverter() : ValueConverter<Money, long>(m => m.Fen, f => new Money(f));
