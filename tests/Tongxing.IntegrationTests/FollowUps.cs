using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.TestSupport;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.IntegrationTests;

/// <summary>
/// Support logs, visits, photos and signed agreements placed through the model, for the tests of what reads the
/// follow-up record (the household's page, the archive, 附件4). Recording them has tests of its own.
/// </summary>
public static class FollowUps
{
    private static Actor Village(Household h) => new("seed", "村党支部测试", Role.VillageBranch, new AreaScope(AreaLevel.Village, h.VillageCode));

    /// <summary>A support log by the helper (with <paramref name="photos"/> photos stored like uploads); returns the log's id and its photos' ids.</summary>
    public static async Task<(Guid Log, Guid[] Photos)> LogAsync(TestApp app, Guid household, Guid? helper, DateOnly on, string content = "指导沃柑嫁接技术",
        SupportKind kind = SupportKind.Skills, long? moneyFen = null, string? goods = null, int photos = 0, GeoPoint? where = null)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        var h = await db.Households.FirstAsync(x => x.Id == household);
        var log = SupportLog.Create(Guid.NewGuid(), h, helper, on, kind, content, moneyFen, goods, where, null, Village(h), app.Clock.GetUtcNow());
        db.SupportLogs.Add(log);
        var ids = await PhotosAsync(scope, db, log.Id, photos);
        await db.SaveChangesAsync();
        return (log.Id, ids);
    }

    /// <summary>A return visit by the town's federation, with photos; returns the visit's id and its photos' ids.</summary>
    public static async Task<(Guid Visit, Guid[] Photos)> VisitAsync(TestApp app, Guid household, DateOnly on, int photos = 0, string findings = "沃柑长势良好",
        string visitors = "镇残联 韦某、村支书 覃某")
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        var h = await db.Households.FirstAsync(x => x.Id == household);
        var who = new Actor("seed", "镇残联测试", Role.TownFederation, new AreaScope(AreaLevel.Town, h.TownCode));
        var visit = Visit.Create(Guid.NewGuid(), h, VisitKind.ReturnVisit, on, visitors, findings, HelperRating.Good, "帮扶到位", "扩大种植面积",
            new GeoPoint(24.3, 109.4, 20), null, who, app.Clock.GetUtcNow());
        db.Visits.Add(visit);
        var ids = await PhotosAsync(scope, db, visit.Id, photos);
        await db.SaveChangesAsync();
        return (visit.Id, ids);
    }

    /// <summary>Puts a signed agreement's scan on the pairing.</summary>
    public static async Task SignAsync(TestApp app, Guid pairing, DateOnly on)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        var p = await db.Pairings.FirstAsync(x => x.Id == pairing);
        var saved = await scope.ServiceProvider.GetRequiredService<PhotoUploads>().SaveAsync(TestImages.GreyJpeg(40, 40), "协议.jpg", "Agreement", default);
        var who = new Actor("seed", "测试", Role.VillageBranch, new AreaScope(AreaLevel.Village, p.VillageCode));
        Assert.True(p.AttachAgreement(saved.Value!.StoredName, saved.Value.ContentType, on, who, app.Clock.GetUtcNow()).Succeeded);
        await db.SaveChangesAsync();
    }

    private static async Task<Guid[]> PhotosAsync(IServiceScope scope, TongxingDb db, Guid owner, int count)
    {
        var uploads = scope.ServiceProvider.GetRequiredService<PhotoUploads>();
        var ids = new List<Guid>();
        for (var i = 1; i <= count; i++)
        {
            var saved = await uploads.SaveAsync(TestImages.GreyJpeg(40 + i, 40), $"照片{i}.jpg", "Photo", default);
            var photo = new FollowUpPhoto(owner, i, saved.Value!.StoredName, saved.Value.ContentType);
            db.FollowUpPhotos.Add(photo);
            ids.Add(photo.Id);
        }
        return [.. ids];
    }
}
