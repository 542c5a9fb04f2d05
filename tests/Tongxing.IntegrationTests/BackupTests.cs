using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.TestSupport;
using Tongxing.Web.Data;

namespace Tongxing.IntegrationTests;

/// <summary>A backup restored into an empty instance has every record, document and audit entry, and the chain still verifies.</summary>
public abstract class BackupTests(TestApp app)
{
    protected abstract TestApp EmptyTwin(string uploads);

    [Fact]
    public async Task Backup_restores_into_an_empty_instance_with_records_files_and_an_intact_audit_chain()
    {
        // Data worth keeping: a household through the district, a notice with a photo.
        var village = await app.SignIn("luoman.cun");
        var town = await app.SignIn("luoman.dangwei");
        var district = await app.SignIn("qucanlian");
        var id = await Api.Register(village, Api.Eligible(name: "韦备份"));
        await Api.Submit(town, [id], [id]);
        await Api.Review(district, id, "Accept", null, (await Api.Household(district, id)).GetProperty("version").GetInt32());
        var created = await village.PostAsJsonAsync("/api/v1/notices", new { households = new[] { id } }, Api.Json);
        var noticeId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var form = new MultipartFormDataContent { { new ByteArrayContent(TestImages.JpegWithGps()), "file", "p.jpg" } };
        var photoId = (await (await village.PostAsync($"/api/v1/notices/{noticeId}/photos", form)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var folder = Path.Combine(Path.GetTempPath(), "tongxing-backup-" + Guid.NewGuid().ToString("N"));
        (int Households, long Audit) original;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
            original = (await db.Households.CountAsync(), await db.AuditEntries.LongCountAsync());
            await scope.ServiceProvider.GetRequiredService<Backup>().CreateAsync(folder, CancellationToken.None);
        }

        var uploads = Path.Combine(Path.GetTempPath(), "tongxing-uploads-" + Guid.NewGuid().ToString("N"));
        await using var twin = EmptyTwin(uploads);
        await using (var scope = twin.ServicesWithoutStart().CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Backup>().RestoreAsync(folder, CancellationToken.None);
        }
        await using (var scope = twin.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
            Assert.Equal(original.Households, await db.Households.CountAsync());
            Assert.True(await db.AuditEntries.LongCountAsync() >= original.Audit);
            var verdict = await new AuditVerifier(db).VerifyAsync(CancellationToken.None);
            Assert.True(verdict.Intact, verdict.Reason);
        }
        var restored = await twin.SignIn("luoman.cun");
        Assert.Equal("韦备份", (await Api.Household(restored, id)).GetProperty("headName").GetString());
        var photo = await restored.GetByteArrayAsync($"/api/v1/notices/{noticeId}/photos/{photoId}");
        Assert.True(photo.Length > 0);
        Directory.Delete(folder, true);
    }
}

public sealed class BackupTests_Sqlite(SqliteApp app) : BackupTests(app), IClassFixture<SqliteApp>
{
    protected override TestApp EmptyTwin(string uploads) => new SqliteApp { UploadsPath = uploads, SeedDemo = false };
}

public sealed class BackupTests_Postgres(PostgresApp app) : BackupTests(app), IClassFixture<PostgresApp>
{
    protected override TestApp EmptyTwin(string uploads) => new PostgresApp { UploadsPath = uploads, SeedDemo = false };
}
