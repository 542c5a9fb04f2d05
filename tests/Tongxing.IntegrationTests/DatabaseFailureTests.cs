using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tongxing.Web.Data;
using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;

namespace Tongxing.IntegrationTests;

/// <summary>
/// A database that is away is answered as away — 503 with Retry-After and a message saying nothing was saved — never as
/// a 500, an empty 405 or "changed by someone else", and nothing is half-saved (PostgreSQL: a standby after a failover
/// refuses writes; a connection can be cut inside a transaction).
/// </summary>
public sealed class DatabaseFailureTests_Postgres(PostgresApp app) : IClassFixture<PostgresApp>
{
    private async Task<string> DatabaseName()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return new NpgsqlConnectionStringBuilder(scope.ServiceProvider.GetRequiredService<TongxingDb>().Database.GetConnectionString()).Database!;
    }

    private async Task Server(string sql)
    {
        await using var conn = new NpgsqlConnection(app.ServerConnection);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private Task EndSessions(string database) =>
        Server($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}' AND pid <> pg_backend_pid()");

    [Fact]
    public async Task A_database_that_refuses_writes_is_answered_503_and_a_save_goes_through_once_it_accepts_them_again()
    {
        var village = await app.SignIn("luoman.cun");
        var database = await DatabaseName();
        await Server($"ALTER DATABASE \"{database}\" SET default_transaction_read_only = on");
        await EndSessions(database);
        try
        {
            var response = await village.PostAsJsonAsync("/api/v1/households", Api.Eligible(name: "韦只读"), Api.Json);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.NotNull(response.Headers.RetryAfter);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(TransientFailureAnswers.DatabaseMessage, problem.GetProperty("title").GetString());

            // A form posted from a page gets a page saying so in words, and how to send it again.
            var page = await TestApp.PostForm(village, "/Account/Password", new() { ["CurrentPassword"] = DemoData.DemoPassword, ["NewPassword"] = "Luoman#2020ro", ["ConfirmPassword"] = "Luoman#2020ro" });
            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
            var html = await page.Content.ReadAsStringAsync();
            Assert.Contains(TransientFailureAnswers.DatabaseMessage, html, StringComparison.Ordinal);
            Assert.Contains("没有保存", html, StringComparison.Ordinal);
        }
        finally
        {
            await Server($"ALTER DATABASE \"{database}\" SET default_transaction_read_only = off");
            await EndSessions(database);
            // The node's pooled connections to the ended sessions are dropped, as after the failover this stands for: a
            // connection ended while idle in the pool would otherwise answer the next request 503 once (seen on a busy
            // machine).
            NpgsqlConnection.ClearAllPools();
        }
        Assert.Equal(0, (await village.GetFromJsonAsync<JsonElement>("/api/v1/households?q=韦只读")).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.Created, (await village.PostAsJsonAsync("/api/v1/households", Api.Eligible(name: "韦只读"), Api.Json)).StatusCode);
    }

    [Fact]
    public async Task A_connection_cut_after_the_records_were_written_fails_the_commit_as_retryable_and_saves_nothing()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        var household = await db.Households.FirstAsync(h => h.VillageCode == DemoData.LuomanVillage);
        var before = household.Status;
        await using var transaction = await db.Database.BeginTransactionAsync();
        household.ForceStatusForLoadTest(before == HouseholdStatus.Proposed ? HouseholdStatus.SubmittedByTown : HouseholdStatus.Proposed);
        await db.SaveChangesAsync(); // written in the transaction; the audit entry waits for the commit
        var pid = await db.Database.SqlQueryRaw<int>("SELECT pg_backend_pid() AS \"Value\"").SingleAsync();
        await Server($"SELECT pg_terminate_backend({pid})");

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => transaction.CommitAsync());
        Assert.Equal(TransientFailureAnswers.DatabaseMessage, TransientFailureAnswers.Retryable(failure));

        await using var check = app.Services.CreateAsyncScope();
        var fresh = check.ServiceProvider.GetRequiredService<TongxingDb>();
        Assert.Equal(before, await fresh.Households.Where(h => h.Id == household.Id).Select(h => h.Status).SingleAsync());
        Assert.True((await new AuditVerifier(fresh).VerifyAsync(CancellationToken.None)).Intact);
    }
}
