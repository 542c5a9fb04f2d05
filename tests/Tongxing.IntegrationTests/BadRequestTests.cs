using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.TestSupport;
using Tongxing.Web.Documents;

namespace Tongxing.IntegrationTests;

/// <summary>Every bad request gets a clear answer: Problem Details naming the field, never a 500 or an empty body.</summary>
public abstract class BadRequestTests(TestApp app)
{
    private static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement;
    }

    private static string Error(JsonElement problem, string field)
    {
        var messages = default(JsonElement);
        Assert.True(problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out messages),
            $"no error for “{field}” in {problem}");
        return string.Join(" ", messages.EnumerateArray().Select(m => m.GetString()));
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Malformed_json_is_answered_400_with_problem_details_naming_the_body()
    {
        var village = await app.SignIn("luoman.cun");
        var problem = await Problem(await village.PostAsync("/api/v1/households", Json("{\"villageCode\": \"450204101201\", ")), HttpStatusCode.BadRequest);
        Assert.Contains("不是有效的 JSON", Error(problem, "body"), StringComparison.Ordinal);
        var empty = await Problem(await village.PostAsync("/api/v1/households", Json("")), HttpStatusCode.BadRequest);
        Assert.True(empty.GetProperty("errors").EnumerateObject().Any());
    }

    [Fact]
    public async Task Api_answers_without_a_body_of_their_own_carry_problem_details_in_chinese()
    {
        var anonymous = await Problem(await app.Anonymous().GetAsync("/api/v1/households"), HttpStatusCode.Unauthorized);
        Assert.Equal("未登录", anonymous.GetProperty("title").GetString());
        var village = await app.SignIn("luoman.cun");
        var missing = await Problem(await village.GetAsync("/api/v1/no-such-thing"), HttpStatusCode.NotFound);
        Assert.Equal("未找到", missing.GetProperty("title").GetString());
        var method = await Problem(await village.DeleteAsync("/api/v1/households"), HttpStatusCode.MethodNotAllowed);
        Assert.Contains("DELETE", method.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var text = await village.PostAsync("/api/v1/households", new StringContent("村民", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        Assert.Equal("application/problem+json", text.Content.Headers.ContentType?.MediaType);
        // The use cases' own refusals keep their Chinese titles.
        var refused = await Problem(await village.GetAsync($"/api/v1/households/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        Assert.Equal("未找到该记录，或您无权查看", refused.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Unknown_enum_value_names_the_field_and_the_values_it_takes()
    {
        var village = await app.SignIn("luoman.cun");
        var input = JsonSerializer.SerializeToNode(Api.Eligible(), Api.Json)!;
        input["projectType"] = "Planting";
        var problem = await Problem(await village.PostAsync("/api/v1/households", Json(input.ToJsonString())), HttpStatusCode.BadRequest);
        var message = Error(problem, "projectType");
        Assert.Contains("Crops（种植）", message, StringComparison.Ordinal);
        Assert.Contains("Livestock（养殖）", message, StringComparison.Ordinal);

        input = JsonSerializer.SerializeToNode(Api.Eligible(), Api.Json)!;
        input["members"]![0]!["gender"] = "Unknown";
        problem = await Problem(await village.PostAsync("/api/v1/households", Json(input.ToJsonString())), HttpStatusCode.BadRequest);
        Assert.Contains("Male（男）", Error(problem, "members[0].gender"), StringComparison.Ordinal);

        input = JsonSerializer.SerializeToNode(Api.Eligible(), Api.Json)!;
        input["size"] = "两口人";
        problem = await Problem(await village.PostAsync("/api/v1/households", Json(input.ToJsonString())), HttpStatusCode.BadRequest);
        Assert.Contains("整数", Error(problem, "size"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_values_that_do_not_fit_their_type_are_named()
    {
        var district = await app.SignIn("qucanlian");
        var problem = await Problem(await district.GetAsync("/api/v1/households?page=99999999999"), HttpStatusCode.BadRequest);
        Assert.Contains("整数", Error(problem, "page"), StringComparison.Ordinal);
        problem = await Problem(await district.GetAsync("/api/v1/households?status=Planting"), HttpStatusCode.BadRequest);
        Assert.Contains("Proposed（村已提名）", Error(problem, "status"), StringComparison.Ordinal);
        problem = await Problem(await district.GetAsync("/api/v1/calendar/period-end?start=someday&days=5"), HttpStatusCode.BadRequest);
        Assert.Contains("yyyy-MM-dd", Error(problem, "start"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_far_past_the_end_is_an_empty_page_in_the_api_and_the_last_page_in_the_browser()
    {
        var district = await app.SignIn("qucanlian");
        foreach (var page in new[] { int.MaxValue, int.MaxValue / 20 + 1, 1_000_000 })
        {
            var list = await district.GetAsync($"/api/v1/households?page={page}");
            Assert.True(list.StatusCode == HttpStatusCode.OK, $"page {page}: {(int)list.StatusCode}");
            Assert.Empty((await list.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray());
            var ledger = await district.GetAsync($"/api/v1/ledger?page={page}");
            Assert.True(ledger.StatusCode == HttpStatusCode.OK, $"ledger page {page}: {(int)ledger.StatusCode}");
            // The pages lead to their last page instead (no error, no empty table).
            foreach (var path in new[] { "/Households", "/Ledger" })
            {
                var beyond = await district.GetAsync($"{path}?page={page}");
                Assert.Equal(HttpStatusCode.Redirect, beyond.StatusCode);
                Assert.StartsWith($"{path}?Page=", beyond.Headers.Location!.OriginalString, StringComparison.Ordinal);
                Assert.Equal(HttpStatusCode.OK, (await district.GetAsync(beyond.Headers.Location!.OriginalString)).StatusCode);
            }
        }
    }

    [Fact]
    public async Task An_over_long_search_is_refused_at_the_search_field()
    {
        var district = await app.SignIn("qucanlian");
        var q = Uri.EscapeDataString(new string('长', 5000));
        var problem = await Problem(await district.GetAsync($"/api/v1/households?q={q}"), HttpStatusCode.BadRequest);
        Assert.Contains("最多30个字", Error(problem, "q"), StringComparison.Ordinal);
        var page = await district.GetAsync($"/Households?Q={q}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("最多30个字", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_approval_step_outside_the_chain_is_refused_with_the_steps_there_are()
    {
        var village = await app.SignIn("luoman.cun");
        var id = await Api.Register(village, Api.Eligible());
        var version = (await Api.Household(village, id)).GetProperty("version").GetInt32();
        var problem = await Problem(await village.PostAsync($"/api/v1/households/{id}/approval", Json($"{{\"action\":\"Approve\",\"step\":99,\"version\":{version}}}")), HttpStatusCode.BadRequest);
        Assert.Contains("ApproveByVillage（村党组织审批同意）", Error(problem, "Step"), StringComparison.Ordinal);
        problem = await Problem(await village.PostAsync($"/api/v1/households/{id}/approval", Json($"{{\"action\":\"Harvest\",\"version\":{version}}}")), HttpStatusCode.BadRequest);
        Assert.Contains("Approve", Error(problem, "action"), StringComparison.Ordinal);
        problem = await Problem(await village.PostAsync($"/api/v1/households/{id}/approval", Json($"{{\"action\":\"Approve\",\"step\":\"Harvest\",\"version\":{version}}}")), HttpStatusCode.BadRequest);
        Assert.Contains("File", Error(problem, "step"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Working_days_from_the_last_representable_date_are_answered_not_failed()
    {
        var village = await app.SignIn("luoman.cun");
        foreach (var start in new[] { "9999-12-31", "9999-12-25", "0001-01-01" })
        {
            var problem = await Problem(await village.GetAsync($"/api/v1/calendar/period-end?start={start}&days=5"), HttpStatusCode.UnprocessableEntity);
            Assert.Contains("节假日安排", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_reference_date_far_from_the_programme_year_is_refused_at_its_field()
    {
        var district = await app.SignIn("qucanlian");
        var input = new { referenceDate = "9999-12-31", maleMinAge = 16, maleMaxAge = 59, femaleMinAge = 16, femaleMaxAge = 54, priorityIncomeThreshold = "5000", blockEarlierSupported = false };
        var problem = await Problem(await district.PutAsJsonAsync("/api/v1/programmes/current/eligibility", input), HttpStatusCode.BadRequest);
        Assert.Contains("2019年至2021年", Error(problem, "ReferenceDate"), StringComparison.Ordinal);
        var programme = await district.GetFromJsonAsync<JsonElement>("/api/v1/programmes/current");
        Assert.Equal("2020年4月2日", programme.GetProperty("referenceDate").GetString());
    }

    /// <summary>A notice of one accepted household of 洛满村, posted today; its id.</summary>
    private async Task<Guid> Notice(HttpClient village, string? name = null)
    {
        var town = await app.SignIn("luoman.dangwei");
        var district = await app.SignIn("qucanlian");
        var id = await Api.Register(village, Api.Eligible(name: name));
        Assert.Equal(HttpStatusCode.OK, (await Api.Submit(town, [id], [id])).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.Review(district, id, "Accept", null, (await Api.Household(district, id)).GetProperty("version").GetInt32())).StatusCode);
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
        var created = await village.PostAsJsonAsync("/api/v1/notices", new { households = new[] { id }, startDate = today.ToString("yyyy-MM-dd") }, Api.Json);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<HttpResponseMessage> Upload(HttpClient client, Guid notice, byte[] bytes, string name = "张贴.jpg")
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", name } };
        return await client.PostAsync($"/api/v1/notices/{notice}/photos", form);
    }

    [Fact]
    public async Task Broken_photos_are_refused_with_a_reason_at_the_photo()
    {
        var village = await app.SignIn("luoman.cun");
        var notice = await Notice(village);
        var cases = new (byte[] Bytes, string Expected)[]
        {
            (TestImages.TruncatedJpeg(), "不完整"),
            (TestImages.TruncatedJpeg()[..700], "照片"),
            ([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0xFF], "已损坏"),
            ([0xFF, 0xD8, 0xFF], "JPEG 或 PNG"),
            ([.. TestImages.TruncatedJpeg()[..600], 0xFF], "照片"),
            (TestImages.PngWithChunkLength(0x7FFFFFF0), "已损坏"),
            (TestImages.PngWithChunkLength(0xFFFFFFF0), "已损坏"),
            (TestImages.BlackPng(64, 48)[..80], "照片"),
        };
        foreach (var (bytes, expected) in cases)
        {
            var problem = await Problem(await Upload(village, notice, bytes), HttpStatusCode.BadRequest);
            Assert.Contains(expected, Error(problem, "Photo"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_png_beyond_the_decoding_budget_is_refused_from_its_header()
    {
        var village = await app.SignIn("luoman.cun");
        var notice = await Notice(village);
        var problem = await Problem(await Upload(village, notice, TestImages.BlackPng(7000, 7000), "公示.png"), HttpStatusCode.BadRequest);
        Assert.Contains("7000×7000", Error(problem, "Photo"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await Upload(village, notice, TestImages.BlackPng(1200, 900), "公示.png")).StatusCode);
    }

    [Fact]
    public async Task A_jpeg_beyond_the_decoding_budget_is_decoded_and_kept_at_a_smaller_scale()
    {
        var village = await app.SignIn("luoman.cun");
        var notice = await Notice(village);
        var uploaded = await Upload(village, notice, TestImages.GreyJpeg(6000, 4000));
        Assert.True(uploaded.StatusCode == HttpStatusCode.OK, await uploaded.Content.ReadAsStringAsync());
        var photo = (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var stored = await village.GetByteArrayAsync($"/api/v1/notices/{notice}/photos/{photo}");
        using var codec = SkiaSharp.SKCodec.Create(new MemoryStream(stored));
        Assert.Equal((3000, 2000), (codec.Info.Width, codec.Info.Height));
    }

    [Fact]
    public async Task Uploads_beyond_the_decoding_slots_are_answered_busy_rather_than_queued()
    {
        await using var node = app.WithWebHostBuilder(b =>
        {
            b.UseSetting("Uploads:MaxConcurrentDecodes", "1");
            b.UseSetting("Uploads:DecodeWaitSeconds", "0");
        });
        var village = await app.SignIn("luoman.cun");
        var notice = await Notice(village);
        var client = node.CreateClient(new() { AllowAutoRedirect = false });
        var signIn = await TestApp.PostForm(client, "/Account/Login", new() { ["UserName"] = "luoman.cun", ["Password"] = Tongxing.Web.Data.Seed.DemoData.DemoPassword });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        var decoding = node.Services.GetRequiredService<PhotoDecoding>();
        using (var taken = await decoding.EnterAsync(CancellationToken.None))
        {
            Assert.NotNull(taken);
            var busy = await Upload(client, notice, TestImages.JpegWithGps());
            var problem = await Problem(busy, HttpStatusCode.ServiceUnavailable);
            Assert.Contains("稍后再上传", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.NotNull(busy.Headers.RetryAfter);
        }
        Assert.Equal(HttpStatusCode.OK, (await Upload(client, notice, TestImages.JpegWithGps())).StatusCode);
    }

    [Fact]
    public async Task A_long_reason_of_emoji_is_shortened_between_characters_not_inside_one()
    {
        var village = await app.SignIn("luoman.cun");
        var town = await app.SignIn("luoman.dangwei");
        var district = await app.SignIn("qucanlian");
        // The recorded comment puts the office's words before the reason and is cut to its length: one of the two
        // reasons (an odd and an even number of characters before the emoji) has the cut fall inside an emoji's pair.
        foreach (var lead in new[] { "请", "请核" })
        {
            var id = await Api.Register(village, Api.Eligible());
            Assert.Equal(HttpStatusCode.OK, (await Api.Submit(town, [id], [id])).StatusCode);
            var reason = lead + string.Concat(Enumerable.Repeat("😀", 249));
            var review = await Api.Review(district, id, "Return", reason, (await Api.Household(district, id)).GetProperty("version").GetInt32());
            Assert.True(review.StatusCode == HttpStatusCode.OK, $"{(int)review.StatusCode} {await review.Content.ReadAsStringAsync()}");
            var comment = (await Api.Household(district, id)).GetProperty("history").EnumerateArray().Last().GetProperty("comment").GetString()!;
            Assert.EndsWith("😀…", comment, StringComparison.Ordinal);
            Assert.DoesNotContain('\uFFFD', comment);
        }
    }

    [Fact]
    public async Task A_name_outside_the_basic_plane_is_masked_whole_on_the_notice()
    {
        var village = await app.SignIn("luoman.cun");
        var notice = await Notice(village, "𠮷大福");
        var view = await village.GetFromJsonAsync<JsonElement>($"/api/v1/notices/{notice}");
        Assert.Equal("𠮷*福", view.GetProperty("entries")[0].GetProperty("name").GetString());
        var token = view.GetProperty("publicToken").GetString();
        Assert.Contains("𠮷*福", WebUtility.HtmlDecode(await app.Anonymous().GetStringAsync($"/p/{token}")), StringComparison.Ordinal);
    }
}

public sealed class BadRequestTests_Sqlite(SqliteApp app) : BadRequestTests(app), IClassFixture<SqliteApp>;

public sealed class BadRequestTests_Postgres(PostgresApp app) : BadRequestTests(app), IClassFixture<PostgresApp>;
