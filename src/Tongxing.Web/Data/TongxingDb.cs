using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Tongxing.Web.Domain;

namespace Tongxing.Web.Data;

/// <summary>
/// The one DbContext. Each database provider has a subclass (<see cref="SqliteTongxingDb"/>,
/// <see cref="PostgresTongxingDb"/>) only so that each keeps its own migrations; the model is the same.
/// </summary>
public abstract class TongxingDb(DbContextOptions options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    /// <summary>The keys that protect sign-in cookies and antiforgery tokens, shared by every app node.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

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
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<FundEntry> FundEntries => Set<FundEntry>();
    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<PaymentBatch> PaymentBatches => Set<PaymentBatch>();
    public DbSet<ProjectStart> ProjectStarts => Set<ProjectStart>();
    public DbSet<Helper> Helpers => Set<Helper>();
    public DbSet<Pairing> Pairings => Set<Pairing>();
    public DbSet<SupportLog> SupportLogs => Set<SupportLog>();
    public DbSet<Visit> Visits => Set<Visit>();
    public DbSet<FollowUpPhoto> FollowUpPhotos => Set<FollowUpPhoto>();
    public DbSet<HouseholdOutcome> HouseholdOutcomes => Set<HouseholdOutcome>();
    public DbSet<TownReport> TownReports => Set<TownReport>();
    public DbSet<OversightFile> OversightFiles => Set<OversightFile>();
    public DbSet<Meeting> Meetings => Set<Meeting>();
    public DbSet<ActionItem> ActionItems => Set<ActionItem>();
    public DbSet<PublicityItem> PublicityItems => Set<PublicityItem>();
    public DbSet<Inspection> Inspections => Set<Inspection>();
    public DbSet<InspectionCheck> InspectionChecks => Set<InspectionCheck>();
    public DbSet<InspectionSample> InspectionSamples => Set<InspectionSample>();

    private readonly List<AuditTrail.Pending> _events = [];
    private readonly List<AuditTrail.Pending> _uncommitted = [];
    private readonly List<Domain.CountDelta> _uncommittedCounts = [];
    /// <summary>The EF transaction (its id: Npgsql reuses its transaction objects on a connection) the uncommitted entries belong to.</summary>
    private Guid? _uncommittedIn;

    /// <summary>Every context appends its audit entries at commit (<see cref="AuditAtCommit"/>), however it was created.</summary>
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        var core = optionsBuilder.Options.FindExtension<Microsoft.EntityFrameworkCore.Infrastructure.CoreOptionsExtension>();
        if (core?.Interceptors?.Contains(AuditAtCommit.Instance) != true)
        {
            optionsBuilder.AddInterceptors(AuditAtCommit.Instance);
        }
    }

    /// <summary>Appends the audit entries of the transaction about to commit to the chain (called by <see cref="AuditAtCommit"/>).</summary>
    internal async Task AppendUncommittedAsync(System.Data.Common.DbTransaction committing, Guid transactionId, CancellationToken ct)
    {
        if (_uncommittedIn != transactionId || (_uncommitted.Count == 0 && _uncommittedCounts.Count == 0))
        {
            return;
        }
        var entries = _uncommitted.ToList();
        var counts = Domain.DashboardCountRules.Net(_uncommittedCounts);
        _uncommitted.Clear();
        _uncommittedCounts.Clear();
        _uncommittedIn = null;
        try
        {
            if (committing.Connection is not { State: System.Data.ConnectionState.Open })
            {
                // The connection broke after the records were written: the database has rolled them back.
                throw new InvalidOperationException("the transaction was completed by its connection's loss");
            }
            // The dashboard's counts first (their rows locked from here to the commit, in key order), then the chain's
            // lock for the append: a transaction holding the chain's lock never waits for a count.
            await DashboardCounts.ApplyAsync(this, counts, ct);
            if (entries.Count > 0)
            {
                await AuditTrail.AppendAsync(this, entries, ct);
            }
        }
        catch (InvalidOperationException e) when (committing.Connection is not { State: System.Data.ConnectionState.Open })
        {
            throw new DatabaseConnectionLostException(e);
        }
    }
    /// <summary>A transaction rolled back takes its audit entries and count deltas with it.</summary>
    internal void ForgetUncommitted(Guid rolledBack)
    {
        if (_uncommittedIn == rolledBack)
        {
            _uncommitted.Clear();
            _uncommittedCounts.Clear();
            _uncommittedIn = null;
        }
    }

    private bool _bulk;

    /// <summary>The SQLite write gate this context holds while its transaction writes (<see cref="SqliteWriteGate"/>).</summary>
    internal SemaphoreSlim? WriteGate { get; set; }

    /// <summary>
    /// Contexts are pooled (<see cref="DatabaseSetup"/>): a request's context is handed to a later request, so what one
    /// request left on it goes before the pool takes it back. A transaction still open is rolled back first, so that
    /// the SQLite gate is given back after SQLite's lock; then the audit entries never saved (a request that failed
    /// before its save), the programmes checked and the bulk flag are forgotten. EF itself resets its change tracker,
    /// connection and settings. A context not pooled (a test's, a tool's) is disposed the same way.
    /// </summary>
    private void ForgetRequest()
    {
        try
        {
            OpenTransaction()?.Dispose();
        }
        finally
        {
            ForgetState();
        }
    }

    private async ValueTask ForgetRequestAsync()
    {
        try
        {
            if (OpenTransaction() is { } open)
            {
                await open.DisposeAsync();
            }
        }
        finally
        {
            ForgetState();
        }
    }

    /// <summary>The transaction still open; none once EF has disposed the context (disposing it again, as the pool does, closes nothing more).</summary>
    private IDbContextTransaction? OpenTransaction()
    {
        try
        {
            return Database.CurrentTransaction;
        }
        catch (ObjectDisposedException)
        {
            return null;
        }
    }

    private void ForgetState()
    {
        SqliteWriteGate.Leave(this);
        _events.Clear();
        _uncommitted.Clear();
        _uncommittedCounts.Clear();
        _uncommittedIn = null;
        _bulk = false;
        ActingAs = null;
        ProgrammesChecked.Clear();
    }

    public override void Dispose()
    {
        try
        {
            ForgetRequest();
        }
        finally
        {
            base.Dispose();
        }
        GC.SuppressFinalize(this);
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await ForgetRequestAsync();
        }
        finally
        {
            await base.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Whom the audit entries of this context's saves name when it works for someone other than the request's signed-in
    /// user: a background job run for its uploader (<see cref="Auth.CurrentUser.RunAs"/>), an API token's use recorded
    /// while the request is being authenticated. Null: the request's user (or 系统 when there is no request).
    /// </summary>
    internal System.Security.Claims.ClaimsPrincipal? ActingAs { get; set; }

    /// <summary>The programmes this context has already checked against their stamps, by district (<see cref="ProgrammeCache"/>).</summary>
    internal Dictionary<string, IReadOnlyList<Domain.Programme>> ProgrammesChecked { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The next save writes synthetic bulk data (the province generator) without an audit entry per row; when an action
    /// is given, one entry records that the bulk was written.
    /// </summary>
    internal void SkipAuditForBulk(string? action, string? details)
    {
        _bulk = true;
        if (action is not null)
        {
            Audit(action, details: details);
        }
    }

    /// <summary>Queues an event for the audit log (a sign-in, an export, a view of full personal data); written with the next save.</summary>
    public void Audit(string action, string? entity = null, string? entityId = null, string? subject = null, string? details = null) =>
        _events.Add(new AuditTrail.Pending(action, entity, entityId, subject ?? entityId, Bounded(details, MaxEventDetails)));

    /// <summary>An event's particulars are kept to this length: whatever a request carried, the permanent log stays bounded.</summary>
    public const int MaxEventDetails = 2000;

    private static string? Bounded(string? text, int max) => text is { Length: var n } && n > max ? Domain.TextCut.Shorten(text, max) + "（已截断）" : text;

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    /// <summary>Saves the changes and their audit entries in one transaction: nothing is changed that is not also logged.</summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // Changes are detected once, here; the audit's description and EF's save then read the same snapshot instead of
        // each walking every tracked entity again.
        ChangeTracker.DetectChanges();
        var auto = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            var pending = _bulk ? [] : AuditTrail.Describe(ChangeTracker);
            ProgrammeCache.Renew(this);
            pending.AddRange(_events);
            _events.Clear();
            _bulk = false;
            if (pending.Count == 0)
            {
                return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            }
            var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
            try
            {
                // The records now; their audit entries when the transaction commits (AuditAtCommit), so the chain's lock
                // (PostgreSQL) is held only for the append and the commit — never while records are written, however many
                // saves the transaction makes (ADR 0031). Changes are accepted once saved and committed.
                var saved = await base.SaveChangesAsync(false, cancellationToken);
                // The dashboard's counts change in the same transaction (ADR 0032), applied at its commit with the audit.
                var counts = DashboardCounts.Deltas(ChangeTracker);
                var transaction = Database.CurrentTransaction!.TransactionId;
                if (_uncommittedIn != transaction)
                {
                    // left by a transaction that was rolled back
                    _uncommitted.Clear();
                    _uncommittedCounts.Clear();
                    _uncommittedIn = transaction;
                }
                _uncommitted.AddRange(pending);
                _uncommittedCounts.AddRange(counts);
                if (own is not null)
                {
                    await own.CommitAsync(cancellationToken);
                }
                if (acceptAllChangesOnSuccess)
                {
                    ChangeTracker.AcceptAllChanges();
                }
                return saved;
            }
            finally
            {
                if (own is not null)
                {
                    await own.DisposeAsync();
                }
            }
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = auto;
        }
    }

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
    /// <summary>Every SQLite context queues its writing transactions on the node (<see cref="SqliteWriteGate"/>), however it was created.</summary>
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        base.OnConfiguring(optionsBuilder);
        var core = optionsBuilder.Options.FindExtension<Microsoft.EntityFrameworkCore.Infrastructure.CoreOptionsExtension>();
        if (core?.Interceptors?.Contains(SqliteWriteGate.Instance) != true)
        {
            optionsBuilder.AddInterceptors(SqliteWriteGate.Instance);
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite cannot order or compare DateTimeOffset stored as text; store UTC ticks instead.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

public sealed class PostgresTongxingDb(DbContextOptions<PostgresTongxingDb> options) : TongxingDb(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Compared and indexed byte by byte, as the search's ranges assume (SQLite's default collation already is).
        builder.Entity<Member>().Property(m => m.IdNumberReversed).UseCollation("C");
    }
}

internal sealed class MoneyConverter() : ValueConverter<Money, long>(m => m.Fen, f => new Money(f));

/// <summary>
/// Appends a transaction's audit entries to the chain just before it commits: the saves of the transaction wrote their
/// records, and the chain's lock is taken only now, for the append and the commit (ADR 0031). Registered by every
/// <see cref="TongxingDb"/> itself, however it is created, so no save's entries can be left out.
/// </summary>
internal sealed class AuditAtCommit : Microsoft.EntityFrameworkCore.Diagnostics.DbTransactionInterceptor
{
    public static readonly AuditAtCommit Instance = new();

    public override async ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult> TransactionCommittingAsync(System.Data.Common.DbTransaction transaction,
        Microsoft.EntityFrameworkCore.Diagnostics.TransactionEventData eventData, Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is TongxingDb db)
        {
            await db.AppendUncommittedAsync(transaction, eventData.TransactionId, cancellationToken);
        }
        return result;
    }

    public override void TransactionRolledBack(System.Data.Common.DbTransaction transaction, Microsoft.EntityFrameworkCore.Diagnostics.TransactionEndEventData eventData) =>
        (eventData.Context as TongxingDb)?.ForgetUncommitted(eventData.TransactionId);

    public override Task TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, Microsoft.EntityFrameworkCore.Diagnostics.TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        (eventData.Context as TongxingDb)?.ForgetUncommitted(eventData.TransactionId);
        return Task.CompletedTask;
    }

    public override Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult TransactionCommitting(System.Data.Common.DbTransaction transaction,
        Microsoft.EntityFrameworkCore.Diagnostics.TransactionEventData eventData, Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult result)
    {
        if (eventData.Context is TongxingDb db)
        {
            db.AppendUncommittedAsync(transaction, eventData.TransactionId, CancellationToken.None).GetAwaiter().GetResult();
        }
        return result;
    }
}
