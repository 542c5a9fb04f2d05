using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.TestSupport;
using Tongxing.Web.Data;
using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;

namespace Tongxing.IntegrationTests;

/// <summary>
/// The helper register, pairing, ending and replacing, the agreement (附件3) and its signed scan, through the API as
/// the offices use it: who may, where, the limits (1–2 helpers, the helper's households), the deadline, races.
/// </summary>
public abstract class PairingActionTests(TestApp app)
{
    private const string LiushanVillage = "450204102201";
    private static int _phone;

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private DateOnly Today() => DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(8));

    private string Day(int offset = 0) => Today().AddDays(offset).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static string NewPhone() => "1370772" + Interlocked.Increment(ref _phone).ToString("0000", System.Globalization.CultureInfo.InvariantCulture);

    private static object HelperBody(string name, string phone, string? village = null, bool account = false, string? userName = null) => new
    {
        name,
        gender = "Male",
        phone,
        partyBranch = "洛满村党支部",
        workUnit = "洛满镇沃柑专业合作社",
        post = "技术员",
        kind = "Technician",
        skills = "沃柑种植",
        villageCode = village,
        createAccount = account,
        userName,
    };

    private async Task<T> With<T>(Func<TongxingDb, Task<T>> read)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<TongxingDb>());
    }

    private static Task<HttpResponseMessage> Pair(HttpClient client, Guid household, Guid helper, string? on = null, int? version = null) =>
        client.PostAsJsonAsync($"/api/v1/households/{household}/pairings", new { helperId = helper, on, version });

    [Fact]
    public async Task One_person_is_one_helper_of_a_district_and_a_pairing_is_not_dated_before_its_programmes_year()
    {
        var village = await app.SignIn("luoman.cun");
        var phone = NewPhone();
        var first = await village.PostAsJsonAsync("/api/v1/helpers", HelperBody("韦桂兰", phone));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var again = await village.PostAsJsonAsync("/api/v1/helpers", HelperBody("韦桂兰", phone));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("该手机号已登记为帮扶人韦桂兰", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await With(db => db.Helpers.CountAsync(h => h.Phone == phone)));

        var helper = await Pairings.AddHelperAsync(app);
        var household = (await FiledHouseholds.AddAsync(app, 1))[0];
        var early = await Pair(village, household, helper, "2019-12-31");
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        var why = await early.Content.ReadAsStringAsync();
        Assert.True(why.Contains("结对日期不能早于2020年1月1日", StringComparison.Ordinal), why);
        Assert.Equal(0, await With(db => db.Pairings.CountAsync(p => p.HouseholdId == household)));
    }

    [Fact]
    public async Task A_village_registers_a_helper_with_an_account_the_helper_signs_in_and_others_see_a_masked_phone()
    {
        var village = await app.SignIn("luoman.cun");
        var phone = NewPhone();
        var saved = await Json(await village.PostAsJsonAsync("/api/v1/helpers", HelperBody("韦建华", phone, account: true)));
        var id = saved.GetProperty("id").GetGuid();
        var account = saved.GetProperty("account");
        var userName = account.GetProperty("userName").GetString()!;
        Assert.Equal("bf" + phone, userName);
        var password = account.GetProperty("password").GetString()!;

        var (helper, user) = await With(async db =>
        {
            var h = await db.Helpers.AsNoTracking().SingleAsync(x => x.Id == id);
            return (h, await db.Users.AsNoTracking().SingleAsync(u => u.Id == h.UserId));
        });
        Assert.Equal(DemoData.LuomanVillage, helper.VillageCode);
        Assert.Equal(Role.Helper, user.Role);
        Assert.Equal(DemoData.LuomanVillage, user.AreaCode);
        Assert.True(user.MustChangePassword);
        // The one-time password signs in (the sign-in then asks for a new one) and is written nowhere.
        await app.SignInCookie(userName, password);
        Assert.False(await With(db => db.AuditEntries.AnyAsync(a => a.Details != null && a.Details.Contains(password))));

        // The branch sees the phone; the district sees it masked; another town does not see the helper at all.
        var own = await Json(await village.GetAsync("/api/v1/helpers?q=韦建华"));
        Assert.Equal(phone, own.GetProperty("rows")[0].GetProperty("phone").GetString());
        var district = await Json(await (await app.SignIn("qucanlian")).GetAsync("/api/v1/helpers?q=韦建华"));
        Assert.Equal("*******" + phone[^4..], district.GetProperty("rows")[0].GetProperty("phone").GetString());
        var other = await app.SignIn("liushan.dangwei");
        Assert.Equal(0, (await Json(await other.GetAsync("/api/v1/helpers?q=韦建华"))).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await other.PutAsJsonAsync($"/api/v1/helpers/{id}", HelperBody("韦建华", phone))).StatusCode);

        // A second account for the same helper is refused; a change needs the version read.
        Assert.Equal(HttpStatusCode.Conflict, (await village.PostAsJsonAsync($"/api/v1/helpers/{id}/account", new { version = helper.Version })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await village.PutAsJsonAsync($"/api/v1/helpers/{id}", HelperBody("韦建华", phone))).StatusCode);
    }

    [Fact]
    public async Task A_helper_is_registered_only_in_a_village_of_the_users_area_with_checked_fields_and_only_by_the_branches()
    {
        var village = await app.SignIn("luoman.cun");
        var wrong = await village.PostAsJsonAsync("/api/v1/helpers", HelperBody("甘立", NewPhone(), village: DemoData.GuzhouVillage));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("VillageCode", await wrong.Content.ReadAsStringAsync());
        var bad = await village.PostAsJsonAsync("/api/v1/helpers", new { name = "", gender = "X", phone = "2345", partyBranch = "", kind = "Boss" });
        var body = await bad.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        foreach (var field in new[] { "Name", "Gender", "Phone", "PartyBranch", "Kind" })
        {
            Assert.Contains($"\"{field}\"", body);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignIn("qucanlian")).PostAsJsonAsync("/api/v1/helpers", HelperBody("甘立", NewPhone(), DemoData.LuomanVillage))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignIn("bangfuren")).PostAsJsonAsync("/api/v1/helpers", HelperBody("甘立", NewPhone(), DemoData.LuomanVillage))).StatusCode);
        // The town committee registers in any village of its town, with an account typed by name.
        var town = await app.SignIn("luoman.dangwei");
        var saved = await Json(await town.PostAsJsonAsync("/api/v1/helpers", HelperBody("甘立", NewPhone(), DemoData.GuzhouVillage, account: true, userName: "ganli.bf")));
        Assert.Equal("ganli.bf", saved.GetProperty("account").GetProperty("userName").GetString());
        var taken = await town.PostAsJsonAsync("/api/v1/helpers", HelperBody("甘立二", NewPhone(), DemoData.GuzhouVillage, account: true, userName: "ganli.bf"));
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.Contains("UserName", await taken.Content.ReadAsStringAsync());
        // Nothing half-saved: the refused helper is not registered without its account.
        Assert.False(await With(db => db.Helpers.AnyAsync(h => h.Name == "甘立二")));
    }

    [Fact]
    public async Task A_household_takes_one_or_two_helpers_a_helper_takes_up_to_the_programmes_number_and_only_in_the_households_town()
    {
        var village = await app.SignIn("luoman.cun");
        var households = await FiledHouseholds.AddAsync(app, 5);
        var a = await Pairings.AddHelperAsync(app);
        var b = await Pairings.AddHelperAsync(app);
        var c = await Pairings.AddHelperAsync(app);
        Assert.Equal(HttpStatusCode.OK, (await Pair(village, households[0], a)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Pair(village, households[0], a)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Pair(village, households[0], b)).StatusCode);
        var third = await Pair(village, households[0], c);
        Assert.Equal(HttpStatusCode.Conflict, third.StatusCode);
        Assert.Contains("至多2名", await third.Content.ReadAsStringAsync());

        // The demo programme lets a helper take 3 households.
        for (var i = 1; i <= 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await Pair(village, households[i], a)).StatusCode);
        }
        var fourth = await Pair(village, households[3], a);
        Assert.Equal(HttpStatusCode.Conflict, fourth.StatusCode);
        Assert.Contains("至多结对3户", await fourth.Content.ReadAsStringAsync());

        // A helper of another town, another town's household, a helper's own account: refused.
        var far = await Pairings.AddHelperAsync(app, LiushanVillage);
        Assert.Equal(HttpStatusCode.BadRequest, (await Pair(await app.SignIn("luoman.dangwei"), households[3], far)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Pair(await app.SignIn("liushan.dangwei"), households[3], far)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Pair(await app.SignIn("bangfuren"), households[3], c)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Pair(await app.SignIn("qucanlian"), households[3], c)).StatusCode);
        // Filed, not yet paid: the household keeps its state and counts its two helpers.
        var (helperCount, status) = await With(async db => await db.Households.Where(h => h.Id == households[0]).Select(h => new Tuple<int, HouseholdStatus>(h.HelperCount, h.Status)).FirstAsync());
        Assert.Equal(2, helperCount);
        Assert.Equal(HouseholdStatus.Filed, status);

        var view = await Json(await village.GetAsync($"/api/v1/households/{households[0]}/pairings"));
        Assert.Equal(2, view.GetProperty("pairings").GetArrayLength());
        Assert.All(view.GetProperty("pairings").EnumerateArray(), p => Assert.Equal("协议未签订", p.GetProperty("agreementState").GetString()));
        Assert.DoesNotContain(view.GetProperty("candidates").EnumerateArray(), x => x.GetProperty("id").GetGuid() == a);
    }

    [Fact]
    public async Task A_helper_is_replaced_in_one_save_and_after_the_deadline_a_household_is_never_left_without_one()
    {
        var village = await app.SignIn("luoman.cun");
        var households = await FiledHouseholds.AddAsync(app, 1);
        var first = await Pairings.AddHelperAsync(app);
        var second = await Pairings.AddHelperAsync(app);
        var third = await Pairings.AddHelperAsync(app);
        var pairing = (await Json(await Pair(village, households[0], first))).GetProperty("pairingId").GetGuid();
        // The clock of the class only moves forward: past the deadline (27 May) from here on.
        var afterDeadline = new DateTimeOffset(2020, 5, 28, 2, 0, 0, TimeSpan.Zero);
        if (app.Clock.GetUtcNow() < afterDeadline)
        {
            app.Clock.SetUtcNow(afterDeadline);
            village = await app.SignIn("luoman.cun");
        }
        {
            var alone = await village.PostAsJsonAsync($"/api/v1/pairings/{pairing}/end", new { reason = "帮扶人外出务工", version = 1 });
            Assert.Equal(HttpStatusCode.BadRequest, alone.StatusCode);
            Assert.Contains("更换帮扶人", await alone.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.BadRequest, (await village.PostAsJsonAsync($"/api/v1/pairings/{pairing}/end", new { version = 1, replacementHelperId = second })).StatusCode);

            var replaced = await Json(await village.PostAsJsonAsync($"/api/v1/pairings/{pairing}/end", new { reason = "帮扶人外出务工", version = 1, replacementHelperId = second }));
            var next = replaced.GetProperty("pairingId").GetGuid();
            var (old, fresh, household, helpers) = await With(async db => (
                await db.Pairings.AsNoTracking().SingleAsync(p => p.Id == pairing),
                await db.Pairings.AsNoTracking().SingleAsync(p => p.Id == next),
                await db.Households.AsNoTracking().SingleAsync(h => h.Id == households[0]),
                await db.Helpers.AsNoTracking().Where(h => h.Id == first || h.Id == second).ToDictionaryAsync(h => h.Id, h => h.ActiveHouseholds)));
            Assert.Equal(Today(), old.EndedOn);
            Assert.Equal("帮扶人外出务工", old.EndReason);
            Assert.Equal(next, old.ReplacedById);
            Assert.True(fresh.IsActive);
            Assert.Equal(second, fresh.HelperId);
            Assert.Equal(1, household.HelperCount);
            Assert.Equal(0, helpers[first]);
            Assert.Equal(1, helpers[second]);

            // With both places taken a helper is still replaced (the leaving one frees its place); with two helpers one may end after the deadline.
            var thirdPairing = (await Json(await Pair(village, households[0], third))).GetProperty("pairingId").GetGuid();
            var fourth = await Pairings.AddHelperAsync(app);
            Assert.Equal(HttpStatusCode.OK, (await village.PostAsJsonAsync($"/api/v1/pairings/{next}/end", new { reason = "调整帮扶力量", version = fresh.Version, replacementHelperId = fourth })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await village.PostAsJsonAsync($"/api/v1/pairings/{thirdPairing}/end", new { reason = "帮扶人身体原因", version = 1 })).StatusCode);
            var view = await Json(await village.GetAsync($"/api/v1/households/{households[0]}/pairings"));
            Assert.Equal(4, view.GetProperty("pairings").GetArrayLength());
            Assert.Equal(1, view.GetProperty("helperCount").GetInt32());
            Assert.Equal(fourth, view.GetProperty("pairings").EnumerateArray().Single(p => p.GetProperty("active").GetBoolean()).GetProperty("helperId").GetGuid());
            // An ended pairing cannot be ended again.
            Assert.Equal(HttpStatusCode.Conflict, (await village.PostAsJsonAsync($"/api/v1/pairings/{pairing}/end", new { reason = "再次", version = old.Version })).StatusCode);
        }
    }

    [Fact]
    public async Task Two_requests_racing_for_the_last_place_save_one_the_other_gets_409()
    {
        var village = await app.SignIn("luoman.cun");
        var town = await app.SignIn("luoman.dangwei");
        // A household's last place.
        var households = await FiledHouseholds.AddAsync(app, 3);
        var first = await Pairings.AddHelperAsync(app);
        await Pairings.PairAsync(app, households[0], first);
        var b = await Pairings.AddHelperAsync(app);
        var c = await Pairings.AddHelperAsync(app);
        var answers = await Task.WhenAll(Pair(village, households[0], b), Pair(town, households[0], c));
        Assert.Equal(1, answers.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(1, answers.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(2, await With(db => db.Pairings.CountAsync(p => p.HouseholdId == households[0] && p.EndedOn == null)));

        // A helper's last place.
        var busy = await Pairings.AddHelperAsync(app);
        var more = await FiledHouseholds.AddAsync(app, 2);
        await Pairings.PairAsync(app, households[1], busy);
        await Pairings.PairAsync(app, households[2], busy);
        answers = await Task.WhenAll(Pair(village, more[0], busy), Pair(town, more[1], busy));
        Assert.Equal(1, answers.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(1, answers.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(3, await With(db => db.Helpers.Where(h => h.Id == busy).Select(h => h.ActiveHouseholds).FirstAsync()));
        Assert.Equal(3, await With(db => db.Pairings.CountAsync(p => p.HelperId == busy && p.EndedOn == null)));
    }

    [Fact]
    public async Task The_agreement_prints_on_one_form_audited_and_reads_signed_only_once_its_scan_is_uploaded()
    {
        var village = await app.SignIn("luoman.cun");
        var households = await FiledHouseholds.AddAsync(app, 1);
        var helper = await Pairings.AddHelperAsync(app, name: "覃志明");
        var pairing = (await Json(await Pair(village, households[0], helper))).GetProperty("pairingId").GetGuid();

        var docx = await village.GetAsync($"/api/v1/pairings/{pairing}/agreement.docx?project=协助建设沃柑果园&funds=协调小额贷款");
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        var (head, id) = await With(async db => await db.Members.Where(m => m.HouseholdId == households[0] && m.Relation == Relation.Head)
            .Select(m => new Tuple<string, string>(m.Name, m.IdNumber)).FirstAsync());
        using (var doc = WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()), false))
        {
            var text = string.Concat(doc.MainDocumentPart!.Document.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.Text>().Select(t => t.Text));
            Assert.Contains("柳南区2020年开展扶贫（帮扶）协议书", text);
            Assert.Contains("覃志明", text);
            Assert.Contains(head, text);
            Assert.Contains(id, text);
            Assert.Contains("协助建设沃柑果园", text);
            Assert.Contains("技术帮扶：＿＿", text);
            Assert.Contains($"自{Today():yyyy年M月d日}起至2020年12月31日止", text);
            Assert.Contains("甲方义务", text);
            Assert.Contains("盖章", text);
            var page = doc.MainDocumentPart.Document.Body.Descendants<DocumentFormat.OpenXml.Wordprocessing.PageSize>().Single();
            Assert.Equal(11906U, page.Width!.Value);
        }
        Assert.True(await With(db => db.AuditEntries.AnyAsync(a => a.Action == "导出" && a.Entity == "附件3" && a.EntityId == pairing.ToString())));
        // Who does not pair nor see full personal data gets no agreement; another town finds nothing.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignIn("caizheng")).GetAsync($"/api/v1/pairings/{pairing}/agreement.docx")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignIn("liushan.dangwei")).GetAsync($"/api/v1/pairings/{pairing}/agreement.docx")).StatusCode);

        static MultipartFormDataContent Scan(string? signedOn, int version, byte[]? photo) =>
            FundsReceiptTests.Form(new Dictionary<string, string?> { ["signedOn"] = signedOn, ["version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture) }, photo, "协议.jpg");
        var noPhoto = await village.PostAsync($"/api/v1/pairings/{pairing}/agreement", Scan(Day(), 1, null));
        Assert.Equal(HttpStatusCode.BadRequest, noPhoto.StatusCode);
        var early = await village.PostAsync($"/api/v1/pairings/{pairing}/agreement", Scan(Day(-4), 1, TestImages.JpegWithGps()));
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Equal("协议未签订", (await Json(await village.GetAsync($"/api/v1/households/{households[0]}/pairings"))).GetProperty("pairings")[0].GetProperty("agreementState").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignIn("bangfuren")).PostAsync($"/api/v1/pairings/{pairing}/agreement", Scan(Day(), 1, TestImages.JpegWithGps()))).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await village.PostAsync($"/api/v1/pairings/{pairing}/agreement", Scan(Day(), 1, TestImages.JpegWithGps()))).StatusCode);
        var row = (await Json(await village.GetAsync($"/api/v1/households/{households[0]}/pairings"))).GetProperty("pairings")[0];
        Assert.Equal("协议已签订", row.GetProperty("agreementState").GetString());
        Assert.Equal(Day(), row.GetProperty("agreementSignedOn").GetString());
        // The same version again is stale.
        Assert.Equal(HttpStatusCode.Conflict, (await village.PostAsync($"/api/v1/pairings/{pairing}/agreement", Scan(Day(), 1, TestImages.JpegWithGps()))).StatusCode);

        var scan = await (await app.SignIn("qucanlian")).GetAsync($"/api/v1/pairings/{pairing}/agreement/scan");
        Assert.Equal(HttpStatusCode.OK, scan.StatusCode);
        Assert.True(await With(db => db.AuditEntries.AnyAsync(a => a.Action == "查看协议扫描件" && a.EntityId == pairing.ToString())));
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignIn("liushan.dangwei")).GetAsync($"/api/v1/pairings/{pairing}/agreement/scan")).StatusCode);
    }

    [Fact]
    public async Task The_progress_counts_per_town_the_paired_the_unpaired_and_the_unsigned_and_lists_what_is_left()
    {
        var households = await FiledHouseholds.AddAsync(app, 3, DemoData.GuzhouVillage);
        var helper = await Pairings.AddHelperAsync(app, DemoData.GuzhouVillage);
        await Pairings.PairAsync(app, households[0], helper);
        var town = await app.SignIn("luoman.dangwei");
        var progress = await Json(await town.GetAsync($"/api/v1/pairings/progress?village={DemoData.GuzhouVillage}"));
        var luoman = progress.GetProperty("towns").EnumerateArray().Single(t => t.GetProperty("townCode").GetString() == DemoData.Luoman);
        Assert.True(luoman.GetProperty("unpaired").GetInt32() >= 2);
        Assert.True(luoman.GetProperty("withoutAgreement").GetInt32() >= 1);
        Assert.Equal("2020-05-27", progress.GetProperty("deadline").GetString());
        Assert.Equal(DeadlineStanding.Of(new DateOnly(2020, 5, 27), Today(), 1).Text, luoman.GetProperty("deadline").GetProperty("text").GetString());
        var left = progress.GetProperty("outstanding").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).ToList();
        Assert.All(households, h => Assert.Contains(h, left));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignIn("bangfuren")).GetAsync("/api/v1/pairings/progress")).StatusCode);
        // The pages answer too.
        Assert.Equal(HttpStatusCode.OK, (await town.GetAsync("/Pairing")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await town.GetAsync("/Pairing/Helpers")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await town.GetAsync($"/Pairing/Household/{households[0]}")).StatusCode);
        var details = await town.GetStringAsync($"/Households/Details/{households[0]}");
        Assert.Contains("结对帮扶", details);
        Assert.Contains("协议未签订", details);
    }

    [Fact]
    public async Task The_four_pairing_settings_are_edited_on_the_programme_checked_and_shown()
    {
        var district = await app.SignIn("qucanlian");
        var id = await Programmes.IdOf(app, 2020);
        async Task<Tongxing.Web.Features.Programmes.ProgrammeInput> Read() =>
            (await district.GetFromJsonAsync<JsonElement>($"/api/v1/programmes/{id}", Api.Json)).GetProperty("settings").Deserialize<Tongxing.Web.Features.Programmes.ProgrammeInput>(Api.Json)!;
        var input = await Read();
        Assert.Equal(3, input.MaxHouseholdsPerHelper);
        Assert.Equal(90, input.VisitIntervalDays);
        input.VisitWindowDays = 45;
        input.MaxHouseholdsPerHelper = 0;
        var errors = await Programmes.Errors(await district.PutAsJsonAsync($"/api/v1/programmes/{id}", input, Api.Json));
        Assert.Contains("回访提前/宽限天数不能为负数，且应小于回访间隔的一半", errors["VisitWindowDays"]);
        Assert.Contains("每名帮扶人结对户数上限应在1至50户之间", errors["MaxHouseholdsPerHelper"]);

        input = await Read();
        input.VisitIntervalDays = 60;
        input.VisitWindowDays = 10;
        input.SupportLogIntervalDays = 14;
        Assert.Equal(HttpStatusCode.OK, (await district.PutAsJsonAsync($"/api/v1/programmes/{id}", input, Api.Json)).StatusCode);
        var saved = await Read();
        Assert.Equal((3, 60, 10, 14), (saved.MaxHouseholdsPerHelper!.Value, saved.VisitIntervalDays!.Value, saved.VisitWindowDays!.Value, saved.SupportLogIntervalDays!.Value));
        Assert.Contains("每60天回访一次（前后10天内为按期）", await district.GetStringAsync($"/Programmes/Details/{id}"), StringComparison.Ordinal);
        Assert.Contains("回访间隔（天）", await district.GetStringAsync($"/Programmes/Edit/{id}"), StringComparison.Ordinal);
        saved.VisitIntervalDays = 90;
        saved.VisitWindowDays = 15;
        saved.SupportLogIntervalDays = 30;
        Assert.Equal(HttpStatusCode.OK, (await district.PutAsJsonAsync($"/api/v1/programmes/{id}", saved, Api.Json)).StatusCode);
    }
}

public sealed class PairingActionTests_Sqlite(SqliteApp app) : PairingActionTests(app), IClassFixture<SqliteApp>;

public sealed class PairingActionTests_Postgres(PostgresApp app) : PairingActionTests(app), IClassFixture<PostgresApp>;
