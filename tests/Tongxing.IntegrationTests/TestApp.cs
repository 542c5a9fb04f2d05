using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Tongxing.Web.Data;

namespace Tongxing.IntegrationTests;

public enum Provider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The whole app over HTTP on a database of its own: a fresh SQLite file, or a fresh PostgreSQL database
/// on the server named by TONGXING_TEST_POSTGRES (dropped afterwards). Demo data is seeded as on a real start.
/// </summary>
public class TestApp : WebApplicationFactory<Program>
{
    private readonly string _connection;
    private readonly string? _postgresDatabase;
    private readonly string? _sqliteFile;

    /// <summary>
    /// A test run holds many apps at once, each watching its static files (asp-append-version) and settings; with
    /// kernel watches each takes an inotify instance, of which a user has 128. Polling watches take none.
    /// </summary>
    static TestApp() => Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");

    /// <param name="shareWith">Another app whose database and uploads this one uses too (a second node).</param>
    public TestApp(Provider provider, TestApp? shareWith = null)
    {
        Provider = provider;
        if (shareWith is not null)
        {
            _connection = shareWith._connection;
            UploadsPath = shareWith.UploadsPath;
            ServerConnection = shareWith.ServerConnection;
            return;
        }
        if (provider == Provider.Postgres)
        {
            var server = Environment.GetEnvironmentVariable("TONGXING_TEST_POSTGRES");
            if (string.IsNullOrEmpty(server))
            {
                throw new InvalidOperationException("TONGXING_TEST_POSTGRES is not set: run scripts/test.sh, which starts a PostgreSQL for the tests");
            }
            _postgresDatabase = "tongxing_test_" + Guid.NewGuid().ToString("N")[..12];
            _connection = new NpgsqlConnectionStringBuilder(server) { Database = _postgresDatabase }.ConnectionString;
            ServerConnection = server;
        }
        else
        {
            _sqliteFile = Path.Combine(Path.GetTempPath(), $"tongxing-test-{Guid.NewGuid():N}.db");
            _connection = $"Data Source={_sqliteFile};Pooling=False";
        }
    }

    public Provider Provider { get; }

    public int SignInsPerMinute { get; init; } = 100_000;

    /// <summary>Where this app keeps uploads; its own temporary folder unless set.</summary>
    public string UploadsPath { get; init; } = Path.Combine(Path.GetTempPath(), "tongxing-test-uploads-" + Guid.NewGuid().ToString("N"));

    public bool SeedDemo { get; init; } = true;

    /// <summary>Whether district federation users must enrol two-step sign-in (on in production; tested on its own).</summary>
    public bool RequireTwoFactor { get; init; }

    /// <summary>Runs the app on the machine's clock (sub-second timestamps) instead of <see cref="Clock"/>.</summary>
    public virtual bool UsesSystemClock => false;

    /// <summary>The app's services without starting it (no migrations, no seed): for restoring into an empty instance first.</summary>
    public IServiceProvider ServicesWithoutStart()
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder();
        builder.Configuration["Database:Provider"] = Provider.ToString();
        builder.Configuration["ConnectionStrings:Tongxing"] = _connection;
        builder.Configuration["Uploads:Path"] = UploadsPath;
        builder.Services.AddDatabase(builder.Configuration, builder.Environment);
        builder.Services.AddSingleton<Tongxing.Web.Data.FileStore>();
        builder.Services.AddScoped<Tongxing.Web.Data.Backup>();
        return builder.Services.BuildServiceProvider();
    }
    public string? ServerConnection { get; }

    /// <summary>The app's clock: 10:00 on Sunday 5 April 2020 in China, inside the demo programme's survey phase; tests move it on.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2020, 4, 5, 2, 0, 0, TimeSpan.Zero));

    /// <summary>Settings of this app alone (set before its first use), e.g. <c>Jobs:Worker</c> = false for a node whose jobs a test runs by hand.</summary>
    public Dictionary<string, string> Settings { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:Tongxing", _connection);
        builder.UseSetting("Seed:Demo", SeedDemo ? "true" : "false");
        builder.UseSetting("Uploads:Path", UploadsPath);
        builder.UseSetting("Security:RequireTwoFactorRoles:0", RequireTwoFactor ? "DistrictFederation" : "");
        builder.UseSetting("Security:RequireTwoFactorRoles:1", RequireTwoFactor ? "Administrator" : "");
        builder.UseSetting("Seed:PrintLogins", "false");
        if (UsesSystemClock)
        {
            // The machine's own clock, not the demo's (which starts in 2020).
            builder.UseSetting("Demo:Clock:Enabled", "false");
        }
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Keys are kept unencrypted in the test databases; the warning on each start would bury the test output.
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.DataProtection", "Error");
        // Tests sign in hundreds of times from one address; the limit itself is tested with its own setting.
        builder.UseSetting("Security:SignInsPerMinute", SignInsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(s =>
        {
            if (!UsesSystemClock)
            {
                s.AddSingleton<TimeProvider>(Clock);
            }
            s.AddSingleton<ILoggerProvider>(new ErrorCollector(Errors));
        });
    }

    /// <summary>Every error the app logged, with its category: a clean start logs none.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Errors { get; } = new();

    private sealed class ErrorCollector(System.Collections.Concurrent.ConcurrentQueue<string> errors) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, errors);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, System.Collections.Concurrent.ConcurrentQueue<string> errors) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    errors.Enqueue($"{category}: {formatter(state, exception)}");
                }
            }
        }
    }

    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Signs in through the login page, as a person would, and returns a client holding the cookie.</summary>
    public async Task<HttpClient> SignIn(string user, string password = Tongxing.Web.Data.Seed.DemoData.DemoPassword)
    {
        var client = Anonymous();
        var response = await PostForm(client, "/Account/Login", new() { ["UserName"] = user, ["Password"] = password });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in as {user} failed: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    /// <summary>Signs in and returns the raw sign-in cookie, as someone copying it from a browser would have it.</summary>
    public async Task<string> SignInCookie(string user, string password = Tongxing.Web.Data.Seed.DemoData.DemoPassword)
    {
        var response = await PostForm(Anonymous(), "/Account/Login", new() { ["UserName"] = user, ["Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("tongxing=", StringComparison.Ordinal));
    }

    /// <summary>A client that sends a copied sign-in cookie and keeps none it is given.</summary>
    public HttpClient Replaying(string cookie)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    /// <summary>GETs the page, takes its antiforgery token and posts the form fields to it (or to <paramref name="action"/>).</summary>
    public static async Task<HttpResponseMessage> PostForm(HttpClient client, string page, Dictionary<string, string> fields, string? action = null)
    {
        var html = await client.GetStringAsync(page);
        var token = AntiforgeryToken(html);
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        return await client.PostAsync(action ?? page, new FormUrlEncodedContent(form));
    }

    public static string AntiforgeryToken(string html) =>
        Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value is { Length: > 0 } t
            ? t
            : throw new InvalidOperationException("no antiforgery token on the page");

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(ServerConnection);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        if (_sqliteFile is not null && File.Exists(_sqliteFile))
        {
            File.Delete(_sqliteFile);
        }
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteApp() : TestApp(Provider.Sqlite);

public sealed class PostgresApp() : TestApp(Provider.Postgres);
