using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Households;

/// <summary>The households JSON API: the same use cases as the pages.</summary>
public static class HouseholdEndpoints
{
    public static RouteGroupBuilder MapHouseholdEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/households").WithTags("帮扶对象 Households");

        g.MapGet("/", async ([AsParameters] HouseholdListQuery query, ListHouseholds handler, CancellationToken ct) =>
                ApiResults.From(await handler.Handle(query, ct), ApiResults.Ok))
            .WithSummary("本人管辖范围内的帮扶对象（分页、筛选、按姓名或身份证号搜索；身份证号已脱敏）");

        g.MapGet("/{id:guid}", async (Guid id, GetHousehold handler, CancellationToken ct) =>
                ApiResults.From(await handler.Handle(id, ct), ApiResults.Ok))
            .WithName("GetHousehold")
            .WithSummary("一户帮扶对象的详情与历史");

        g.MapPost("/", async (HouseholdInput input, RegisterHousehold handler, CancellationToken ct) =>
                ApiResults.From(await handler.Handle(input, ct), id => TypedResults.Created($"/api/v1/households/{id}", new { id })))
            .WithSummary("登记帮扶对象（村党组织）");

        return api;
    }
}
