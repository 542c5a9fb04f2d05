using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.Web.Data;

namespace Tongxing.IntegrationTests;

/// <summary>
/// The session check looks whether it is due before it reads the account (issue #17): a cookie is checked against its
/// account once Security:SessionCheckSeconds (60) have passed since it was issued, not before; a session renewed by
/// that check goes on working.
/// </summary>
public abstract class ScaleSessionCheckTests(TestApp app)
{
    [Fact]
    public async Task A_cookie_is_checked_against_its_account_once_the_interval_has_passed_and_not_before()
    {
        var copied = await app.SignInCookie("luoman.dangwei");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByNameAsync("luoman.dangwei"))!;
            Assert.True((await users.UpdateSecurityStampAsync(user)).Succeeded);
        }
        app.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(HttpStatusCode.OK, (await app.Replaying(copied).GetAsync("/api/v1/me")).StatusCode);
        app.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Replaying(copied).GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task A_session_renewed_by_the_check_goes_on_reading_the_lists()
    {
        var client = await app.SignIn("luoman.cun");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Households")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/households")).StatusCode);
            app.Clock.Advance(TimeSpan.FromSeconds(30));
        }
    }
}

public sealed class ScaleSessionCheckTests_Sqlite(SqliteApp app) : ScaleSessionCheckTests(app), IClassFixture<SqliteApp>;

public sealed class ScaleSessionCheckTests_Postgres(PostgresApp app) : ScaleSessionCheckTests(app), IClassFixture<PostgresApp>;
