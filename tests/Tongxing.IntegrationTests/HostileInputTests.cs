using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.Web.Data;

namespace Tongxing.IntegrationTests;

/// <summary>A corpus of hostile values through every free-text field of the forms and API: refused with a reason or stored and shown harmlessly; never a 500, never half-saved.</summary>
public abstract class HostileInputTests(TestApp app)
{
    public static readonly string[] Corpus =
    [
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "'; DROP TABLE \"Households\";--", "1' OR '1'='1",
        "=cmd|' /C calc'!A0", "+SUM(1,2)", "@HYPERLINK(\"http://x\")", "../../../../etc/passwd", "\u0000零字节", "控制\u0007字符",
        "\u202E反向文字", new string('长', 5000), "{{Title}}", "%00%0d%0a", "😀表情", "",
    ];

    private static readonly string[] TextFields = ["Group", "Address", "ProjectDescription", "HelperToBe", "Remarks", "PerCapitaIncome"];
    private static readonly string[] MemberFields = ["Name", "IdNumber", "CertificateNumber", "Phone"];

    private async Task<int> Count()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TongxingDb>().Households.CountAsync();
    }

    [Fact]
    public async Task Every_hostile_value_in_every_household_field_is_refused_or_stored_harmlessly()
    {
        var village = await app.SignIn("luoman.cun");
        var tried = 0;
        foreach (var value in Corpus)
        {
            foreach (var field in TextFields.Select(f => (Member: false, Name: f)).Concat(MemberFields.Select(f => (Member: true, Name: f))))
            {
                var input = Api.Eligible();
                var target = field.Member ? (object)input.Members[0] : input;
                target.GetType().GetProperty(field.Name)!.SetValue(target, value);
                var before = await Count();
                var response = await village.PostAsJsonAsync("/api/v1/households", input, Api.Json);
                tried++;
                Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.BadRequest, $"{field.Name}={value[..Math.Min(20, value.Length)]} → {(int)response.StatusCode}");
                if (response.StatusCode == HttpStatusCode.BadRequest)
                {
                    Assert.Equal(before, await Count());
                    var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
                    Assert.True(problem.GetProperty("errors").EnumerateObject().Any(), "refusal without a reason");
                }
                else
                {
                    var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
                    var page = await village.GetStringAsync($"/Households/Details/{id}");
                    Assert.DoesNotContain("<script>alert", page, StringComparison.Ordinal);
                    Assert.DoesNotContain("<img src=x", page, StringComparison.Ordinal);
                }
            }
        }
        Assert.Equal(Corpus.Length * (TextFields.Length + MemberFields.Length), tried);
    }

    [Fact]
    public async Task Hostile_values_in_comments_objections_and_token_names_never_fail_the_server()
    {
        var village = await app.SignIn("luoman.cun");
        var town = await app.SignIn("luoman.dangwei");
        var district = await app.SignIn("qucanlian");
        foreach (var value in Corpus)
        {
            var id = await Api.Register(village, Api.Eligible());
            await Api.Submit(town, [id], [id]);
            var version = (await Api.Household(district, id)).GetProperty("version").GetInt32();
            var review = await Api.Review(district, id, "Return", value, version);
            Assert.True(review.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"review → {(int)review.StatusCode}");
            var token = await village.PostAsJsonAsync("/api/v1/tokens", new { name = value, days = 1 });
            Assert.True(token.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"token → {(int)token.StatusCode}");
            var page = await village.GetStringAsync($"/Households/Details/{id}");
            Assert.DoesNotContain("<script>alert", page, StringComparison.Ordinal);
        }
    }

    private static readonly string[] Amounts = ["-1000", "1e3", "１０００", "1000.001", "99999999999", "NaN", "0x3E8", "1,000.5元", " ", "999.99"];
    private static readonly string[] AccountNumbers = ["62300000a0000000", "623000000", "6230000000000000000000000000000", "６２３０００００００００００", "6230-0000 0000 0000", "=1+1"];

    [Fact]
    public async Task Hostile_values_in_bank_accounts_batches_amounts_reasons_and_result_files_never_fail_the_server()
    {
        var ids = await FiledHouseholds.AddAsync(app, 2);
        var town = await app.SignIn("luoman.dangwei");
        static bool Handled(HttpResponseMessage r) => r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.BadRequest or HttpStatusCode.Conflict
            or HttpStatusCode.UnprocessableEntity;
        foreach (var value in Corpus.Concat(AccountNumbers))
        {
            var version = JsonDocument.Parse(await town.GetStringAsync($"/api/v1/households/{ids[0]}/bank-account")).RootElement.GetProperty("version").GetInt32();
            foreach (var body in new object[] { new { name = value, number = "6230123456789012345", bank = "柳州银行", version }, new { name = "张三", number = value, bank = "柳州银行", version },
                new { name = "张三", number = "6230123456789012345", bank = value, version } })
            {
                var r = await town.PutAsJsonAsync($"/api/v1/households/{ids[0]}/bank-account", body);
                Assert.True(Handled(r), $"bank account {value} → {(int)r.StatusCode}");
                version = r.IsSuccessStatusCode ? JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("version").GetInt32() : version;
            }
            var batch = await town.PostAsJsonAsync("/api/v1/payment-batches", new { title = value });
            Assert.True(Handled(batch), $"batch title → {(int)batch.StatusCode}");
            Assert.DoesNotContain("<script>alert", await town.GetStringAsync("/Funds/Batches"), StringComparison.Ordinal);
            Assert.DoesNotContain("<script>alert", await town.GetStringAsync($"/Households/Details/{ids[0]}"), StringComparison.Ordinal);
        }
        var created = JsonDocument.Parse(await (await town.PostAsJsonAsync("/api/v1/payment-batches", new { title = "金额" })).Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        foreach (var amount in Amounts.Concat(Corpus))
        {
            var v = JsonDocument.Parse(await town.GetStringAsync($"/api/v1/payment-batches/{created}")).RootElement.GetProperty("version").GetInt32();
            var r = await town.PostAsJsonAsync($"/api/v1/payment-batches/{created}/entries", new { householdIds = new[] { ids[1] }, amount, version = v });
            Assert.True(Handled(r), $"amount {amount} → {(int)r.StatusCode}");
            if (r.IsSuccessStatusCode)
            {
                var entry = JsonDocument.Parse(await town.GetStringAsync($"/api/v1/payment-batches/{created}")).RootElement;
                var payment = entry.GetProperty("entries")[0].GetProperty("paymentId").GetGuid();
                Assert.True(entry.GetProperty("entries")[0].GetProperty("fen").GetInt64() >= 100_000);
                await town.DeleteAsync($"/api/v1/payment-batches/{created}/entries/{payment}?version={entry.GetProperty("version").GetInt32()}");
            }
        }
        foreach (var reason in Corpus)
        {
            var r = await town.PostAsJsonAsync($"/api/v1/payments/{Guid.NewGuid()}/reversal", new { reason, version = 1 });
            Assert.True(r.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"reversal → {(int)r.StatusCode}");
        }
    }

    [Fact]
    public async Task Every_hostile_value_in_the_funds_text_and_amount_fields_is_refused_or_stored_and_shown_harmlessly()
    {
        var finance = await app.SignIn("caizheng");
        var district = await app.SignIn("qucanlian");
        foreach (var value in Corpus.Concat(FundsInTests.HostileAmounts))
        {
            foreach (var response in new[]
            {
                await FundsInTests.Arrive(finance, "Region", "0.01", document: value),
                await FundsInTests.Arrive(finance, "Region", "0.01", office: value),
                await FundsInTests.Arrive(finance, "Region", value),
                await district.PostAsJsonAsync("/api/v1/funds/allocations", new { townCode = Tongxing.Web.Data.Seed.DemoData.Luoman, source = "City", amount = "0.01", reason = value, documentNumber = value }),
                await district.PostAsJsonAsync("/api/v1/funds/allocations", new { townCode = value, source = value, amount = value }),
            })
            {
                Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.BadRequest, $"{value[..Math.Min(20, value.Length)]} → {(int)response.StatusCode}");
                if (response.StatusCode == HttpStatusCode.Created && (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid() is var id)
                {
                    await district.PostAsJsonAsync($"/api/v1/funds/allocations/{id}/reversal", new { reason = value });
                    await finance.PostAsJsonAsync($"/api/v1/funds/arrivals/{id}/reversal", new { reason = value });
                }
            }
        }
        foreach (var page in new[] { "/Funds/Ledger", "/Funds/Arrivals", "/Funds/Allocations", "/Funds" })
        {
            var html = await district.GetStringAsync(page);
            Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Hostile_values_in_support_logs_and_visits_are_refused_or_stored_harmlessly()
    {
        var helper = await Pairings.AddHelperAsync(app);
        var household = (await Pairings.PairedHouseholdsAsync(app, 1, helper))[0];
        var village = await app.SignIn("luoman.cun");
        var town = await app.SignIn("luoman.canlian");
        foreach (var value in Corpus)
        {
            foreach (var field in new[] { "id", "on", "kind", "content", "money", "goods", "latitude", "longitude", "accuracy", "writtenAt", "seenVersion" })
            {
                var fields = new Dictionary<string, string?> { ["id"] = Guid.NewGuid().ToString(), ["on"] = "2020-04-05", ["kind"] = "Skills", ["content"] = "指导", [field] = value };
                using var form = FollowUpSendTests.Form(fields);
                var r = await village.PostAsync($"/api/v1/households/{household}/support-logs", form);
                Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.BadRequest, $"log {field}={value[..Math.Min(20, value.Length)]} → {(int)r.StatusCode}");
            }
            foreach (var field in new[] { "visitors", "findings", "rating", "ratingComment", "suggestions", "confirmDuplicate" })
            {
                var fields = new Dictionary<string, string?>
                {
                    ["id"] = Guid.NewGuid().ToString(),
                    ["on"] = "2020-04-05",
                    ["visitors"] = "镇残联",
                    ["findings"] = "正常",
                    ["rating"] = "Good",
                    ["confirmDuplicate"] = "true",
                    [field] = value,
                };
                using var form = FollowUpSendTests.Form(fields, Encoding.UTF8.GetBytes("x" + value));
                var r = await town.PostAsync($"/api/v1/households/{household}/visits", form);
                Assert.True(r.StatusCode is HttpStatusCode.BadRequest, $"visit {field}={value[..Math.Min(20, value.Length)]} with a photo that is not one → {(int)r.StatusCode}");
                using var noPhoto = FollowUpSendTests.Form(fields);
                r = await town.PostAsync($"/api/v1/households/{household}/visits", noPhoto);
                Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.BadRequest, $"visit {field}={value[..Math.Min(20, value.Length)]} → {(int)r.StatusCode}");
            }
        }
        var html = await village.GetStringAsync($"/Pairing/Log/{household}");
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hostile_values_in_receipts_and_project_starts_are_refused_or_stored_harmlessly()
    {
        var households = await FiledHouseholds.AddAsync(app, Corpus.Length + 1);
        var payments = await FiledHouseholds.PayAsync(app, households);
        var village = await app.SignIn("luoman.cun");
        var town = await app.SignIn("luoman.dangwei");
        string[] names = ["../../../../etc/passwd.jpg", "<script>alert(1)</script>.jpg", "签收单\u202Egpj.exe", new string('长', 300) + ".jpg", "签收单.jpg.php", "CON", "无扩展名"];
        string[] dates = ["2020-02-30", "2020-13-01", "0000-00-00", "2020-4-5", "'; DROP TABLE \"Payments\";--", "2020-04-05T00:00:00", "9999-12-31", "-1"];
        for (var i = 0; i < Corpus.Length; i++)
        {
            var value = Corpus[i];
            using (var scope = app.Services.CreateScope())
            {
                var version = (await scope.ServiceProvider.GetRequiredService<TongxingDb>().Payments.AsNoTracking().SingleAsync(p => p.Id == payments[i])).Version;
                var proxy = await FundsReceiptTests.Receipt(village, payments[i], version, kind: "Proxy", photo: Tongxing.TestSupport.TestImages.JpegWithGps(),
                    proxyName: value, proxyRelation: value, proxyReason: value, fileName: names[i % names.Length]);
                Assert.True(proxy.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"proxy={value[..Math.Min(20, value.Length)]} → {(int)proxy.StatusCode}");
                var kind = await FundsReceiptTests.Receipt(village, payments[i], version, kind: value, on: dates[i % dates.Length], photo: Encoding.UTF8.GetBytes(value));
                Assert.True(kind.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Conflict, $"kind={value[..Math.Min(20, value.Length)]} → {(int)kind.StatusCode}");
            }
            using var form = FundsReceiptTests.Form(new Dictionary<string, string?> { ["startedOn"] = dates[i % dates.Length], ["note"] = value }, Tongxing.TestSupport.TestImages.JpegWithGps(), names[i % names.Length]);
            var start = await town.PutAsync($"/api/v1/households/{households[i]}/project-start", form);
            Assert.True(start.StatusCode is HttpStatusCode.BadRequest, $"project start on {dates[i % dates.Length]} → {(int)start.StatusCode}");
            using var good = FundsReceiptTests.Form(new Dictionary<string, string?> { ["startedOn"] = "2020-04-05", ["note"] = value }, Tongxing.TestSupport.TestImages.JpegWithGps(), names[i % names.Length]);
            var note = await town.PutAsync($"/api/v1/households/{households[i]}/project-start", good);
            Assert.True(note.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"note={value[..Math.Min(20, value.Length)]} → {(int)note.StatusCode}");
        }
        // A reason of 10 KB is refused at its field; nothing is half-saved.
        var last = payments[^1];
        var tooLong = await FundsReceiptTests.Receipt(village, last, 3, kind: "Proxy", photo: Tongxing.TestSupport.TestImages.JpegWithGps(),
            proxyName: "韦某", proxyRelation: "子女", proxyReason: new string('长', 10_000));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("ProxyReason", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        foreach (var page in new[] { "/Funds/Receipts?State=done", "/Funds/Receipts" })
        {
            var html = await village.GetStringAsync(page);
            Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        }
        foreach (var id in households)
        {
            var html = await town.GetStringAsync($"/Households/Details/{id}");
            Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Hostile_values_in_helpers_pairings_and_agreements_are_refused_or_stored_harmlessly()
    {
        var village = await app.SignIn("luoman.cun");
        string[] dates = ["2020-02-30", "2020-13-01", "0000-00-00", "2020-4-5", "'; DROP TABLE \"Pairings\";--", "2020-04-05T00:00:00", "9999-12-31", "-1"];
        var households = await FiledHouseholds.AddAsync(app, Corpus.Length);
        for (var i = 0; i < Corpus.Length; i++)
        {
            var value = Corpus[i];
            var short20 = value[..Math.Min(20, value.Length)];
            var helper = await village.PostAsJsonAsync("/api/v1/helpers", new
            {
                name = value,
                gender = value,
                phone = value,
                partyBranch = value,
                workUnit = value,
                post = value,
                kind = value,
                skills = value,
                villageCode = value,
                createAccount = true,
                userName = value,
            });
            Assert.True(helper.StatusCode is HttpStatusCode.BadRequest, $"helper={short20} → {(int)helper.StatusCode}");
            var texts = await village.PostAsJsonAsync("/api/v1/helpers", new
            {
                name = value.Length > 30 ? "长" : value,
                gender = "Female",
                phone = "13907729" + i.ToString("000", System.Globalization.CultureInfo.InvariantCulture),
                partyBranch = "洛满村党支部",
                workUnit = value,
                post = value,
                kind = "WealthLeader",
                skills = value,
            });
            Assert.True(texts.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"helper texts={short20} → {(int)texts.StatusCode}");
            var helperId = await Pairings.AddHelperAsync(app);
            var pair = await village.PostAsJsonAsync($"/api/v1/households/{households[i]}/pairings", new { helperId, on = dates[i % dates.Length] });
            Assert.True(pair.StatusCode is HttpStatusCode.BadRequest, $"pair on {dates[i % dates.Length]} → {(int)pair.StatusCode}");
            var pairing = await Pairings.PairAsync(app, households[i], helperId);
            var docx = await village.GetAsync($"/api/v1/pairings/{pairing}/agreement.docx?project={Uri.EscapeDataString(value)}&skills={Uri.EscapeDataString(value)}");
            Assert.True(docx.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"agreement={short20} → {(int)docx.StatusCode}");
            using var scan = FundsReceiptTests.Form(new Dictionary<string, string?> { ["signedOn"] = dates[i % dates.Length], ["version"] = "1" }, Encoding.UTF8.GetBytes(value), "../../协议.jpg");
            Assert.Equal(HttpStatusCode.BadRequest, (await village.PostAsync($"/api/v1/pairings/{pairing}/agreement", scan)).StatusCode);
            var end = await village.PostAsJsonAsync($"/api/v1/pairings/{pairing}/end", new { reason = value, version = 1 });
            Assert.True(end.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"end reason={short20} → {(int)end.StatusCode}");
        }
        foreach (var page in households.Select(h => $"/Pairing/Household/{h}").Prepend("/Pairing/Helpers").Prepend("/Pairing"))
        {
            var html = await village.GetStringAsync(page);
            Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Hostile_values_in_an_outcome_are_refused_at_their_field_or_stored_and_shown_harmlessly_on_the_page_the_sheet_and_the_workbook()
    {
        var helper = await Pairings.AddHelperAsync(app);
        var household = (await Pairings.PairedHouseholdsAsync(app, 1, helper))[0];
        await FollowUps.LogAsync(app, household, helper, new DateOnly(2020, 4, 5), "<script>alert(1)</script>", goods: "=cmd|' /C calc'!A0");
        var town = await app.SignIn("luoman.canlian");
        var fields = new[] { "skill1", "skill2", "progress", "failureReason", "incomeAtStart", "incomeLatest", "incomeLatestOn" };
        var tried = 0;
        foreach (var value in Corpus)
        {
            foreach (var field in fields)
            {
                var version = JsonDocument.Parse(await town.GetStringAsync($"/api/v1/households/{household}/outcome")).RootElement.GetProperty("version").GetInt32();
                var body = new Dictionary<string, object?>
                {
                    ["skill1"] = "沃柑嫁接",
                    ["progress"] = "Failed",
                    ["failureReason"] = "洪灾",
                    ["incomeAtStart"] = "2800",
                    ["version"] = version,
                };
                body[field] = value;
                var r = await town.PutAsJsonAsync($"/api/v1/households/{household}/outcome", body);
                tried++;
                Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{field}={value[..Math.Min(20, value.Length)]} → {(int)r.StatusCode}");
            }
        }
        Assert.Equal(Corpus.Length * fields.Length, tried);
        foreach (var page in new[] { $"/Households/Details/{household}", $"/Pairing/Outcome/{household}", $"/Pairing/Sheet/{household}", $"/Pairing/Logs/{household}" })
        {
            var html = await town.GetStringAsync(page);
            Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        }
        var xlsx = await (await app.SignIn("luoman.dangwei")).GetAsync($"/api/v1/towns/{Tongxing.Web.Data.Seed.DemoData.Luoman}/attachment4.xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
    }

    [Fact]
    public async Task Hostile_values_in_the_follow_up_lists_filters_never_fail_the_server_and_names_are_shown_harmlessly()
    {
        var helper = await Pairings.AddHelperAsync(app, Tongxing.Web.Data.Seed.DemoData.LuomanVillage, "<script>alert(1)</script>");
        await Pairings.PairedHouseholdsAsync(app, 1, helper);
        var town = await app.SignIn("luoman.dangwei");
        var helperAccount = await app.SignIn("bangfuren");
        foreach (var value in Corpus.Append("-1").Append("2147483648").Append("true"))
        {
            var q = Uri.EscapeDataString(value.Length > 1000 ? value[..1000] : value);
            foreach (var client in new[] { town, helperAccount })
            {
                foreach (var url in new[]
                {
                    $"/api/v1/visits/due?state={q}&town={q}&village={q}&page={q}", $"/api/v1/helpers/activity?town={q}&village={q}&days={q}&lapsed={q}&page={q}",
                    $"/Pairing/Due?State={q}&Town={q}&Village={q}&Page={q}", $"/Pairing/HelperActivity?Town={q}&Village={q}&Days={q}&Lapsed={q}&Page={q}",
                })
                {
                    var r = await client.GetAsync(url);
                    Assert.True((int)r.StatusCode < 500, $"{url[..Math.Min(60, url.Length)]} → {(int)r.StatusCode}");
                    Assert.DoesNotContain("<script>alert", await r.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                }
            }
        }
        var page = await town.GetStringAsync("/Pairing/HelperActivity");
        Assert.Contains("&lt;script&gt;", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hostile_values_in_the_dashboards_area_and_year_are_not_found_or_refused_never_a_server_error()
    {
        var district = await app.SignIn("qucanlian");
        var region = await app.SignIn("zizhiqu.canlian");
        foreach (var value in Corpus.Append("450204101000' OR '1'='1").Append("-1").Append("2147483648"))
        {
            var q = Uri.EscapeDataString(value.Length > 1000 ? value[..1000] : value);
            foreach (var client in new[] { district, region })
            {
                foreach (var url in new[] { $"/api/v1/dashboard?area={q}", $"/Dashboard?area={q}", $"/api/v1/dashboard?year={q}", $"/Dashboard?Year={q}&Area={q}" })
                {
                    var r = await client.GetAsync(url);
                    Assert.True((int)r.StatusCode < 500, $"{url[..Math.Min(60, url.Length)]} → {(int)r.StatusCode}");
                    Assert.DoesNotContain("<script>alert", await r.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public async Task Hostile_values_in_an_inspection_are_refused_or_kept_as_text_never_a_server_error()
    {
        var (town, villages) = await InspectionSetup.NewTownAsync(app, 1, 1);
        var household = (await FiledHouseholds.AddAsync(app, 1, villages[0]))[0];
        var qu = await app.SignIn("quzuzhibu");
        foreach (var value in Corpus)
        {
            var r = await qu.PostAsJsonAsync("/api/v1/inspections", new { townCode = value, on = value, inspectors = value });
            Assert.True(r.StatusCode is HttpStatusCode.BadRequest, $"start {value[..Math.Min(20, value.Length)]} → {(int)r.StatusCode}");
        }
        var started = await qu.PostAsJsonAsync("/api/v1/inspections", new { townCode = town, inspectors = "<script>alert(1)</script>" });
        var id = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await qu.PostAsJsonAsync($"/api/v1/inspections/{id}/sample", new { size = 1 })).StatusCode);
        var tried = 0;
        foreach (var value in Corpus)
        {
            foreach (var (url, body) in new (string, object)[]
            {
                ($"/api/v1/inspections/{id}/checks/quota", new { met = false, note = value }),
                ($"/api/v1/inspections/{id}/sample/{household}", new { satisfactory = false, finding = value }),
                ($"/api/v1/inspections/{id}/rectifications", new { text = value, ownerUserId = value, dueOn = value }),
            })
            {
                var r = await qu.PutAsJsonAsync(url, body);
                if (r.StatusCode == HttpStatusCode.MethodNotAllowed)
                {
                    r = await qu.PostAsJsonAsync(url, body);
                }
                tried++;
                Assert.True((int)r.StatusCode is 204 or 400 or 404 or 405, $"{url[..Math.Min(60, url.Length)]} {value[..Math.Min(20, value.Length)]} → {(int)r.StatusCode}");
            }
            var conclude = await qu.PostAsJsonAsync($"/api/v1/inspections/{id}/conclude", new { result = value, findings = value });
            Assert.Equal(HttpStatusCode.BadRequest, conclude.StatusCode);
            var sample = await qu.PostAsync($"/api/v1/inspections/{id}/sample", new StringContent($"{{\"size\":\"{value.Replace("\\", "", StringComparison.Ordinal).Replace("\"", "", StringComparison.Ordinal)}\"}}", Encoding.UTF8, "application/json"));
            Assert.True((int)sample.StatusCode < 500, $"sample size {value[..Math.Min(20, value.Length)]} → {(int)sample.StatusCode}");
        }
        Assert.Equal(Corpus.Length * 3, tried);
        Assert.Equal(HttpStatusCode.BadRequest, (await qu.PutAsJsonAsync($"/api/v1/inspections/{id}/checks/%3Cscript%3E", new { met = true })).StatusCode);
        var html = await qu.GetStringAsync($"/Inspections/Inspection/{id}");
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await qu.GetAsync($"/api/v1/inspections/{id}/report.docx")).StatusCode);
    }

    [Fact]
    public async Task Hostile_values_in_a_town_report_are_refused_or_stored_harmlessly_and_its_exports_stay_whole()
    {
        var luoman = Tongxing.Web.Data.Seed.DemoData.Luoman;
        // In the summary phase, when the year-end summary may be sent.
        VisitSetup.Today(app, new DateOnly(2020, 11, 20));
        var town = await app.SignIn("luoman.canlian");
        var url = $"/api/v1/towns/{luoman}/reports/yearend";
        var tried = 0;
        foreach (var value in Corpus)
        {
            foreach (var field in new[] { "text", "rules" })
            {
                var version = JsonDocument.Parse(await town.GetStringAsync(url)).RootElement.GetProperty("version").GetInt32();
                var body = new Dictionary<string, object?> { ["text"] = "全年工作总结", ["rules"] = "回访制度", ["version"] = version, [field] = value };
                var r = await town.PutAsJsonAsync(url, body);
                tried++;
                Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{field}={value[..Math.Min(20, value.Length)]} → {(int)r.StatusCode}");
            }
            // The test server refuses a NUL in a path before the application sees it (Kestrel answers 400 itself).
            var q = Uri.EscapeDataString(value.Replace("\u0000", "", StringComparison.Ordinal) is var v && v.Length > 1000 ? v[..1000] : v);
            foreach (var path in new[] { $"/api/v1/towns/{q}/reports/{q}", $"/api/v1/towns/{luoman}/reports/{q}", $"/Reports/Edit/{q}/{q}" })
            {
                Assert.True((int)(await town.GetAsync(path)).StatusCode < 500, path[..Math.Min(60, path.Length)]);
            }
        }
        Assert.Equal(Corpus.Length * 2, tried);
        var report = JsonDocument.Parse(await town.GetStringAsync(url)).RootElement;
        var id = report.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await town.PostAsJsonAsync($"/api/v1/reports/{id}/submit", new { version = report.GetProperty("version").GetInt32() })).StatusCode);
        var district = await app.SignIn("qucanlian");
        foreach (var value in Corpus)
        {
            var version = JsonDocument.Parse(await district.GetStringAsync($"/api/v1/reports/{id}")).RootElement.GetProperty("version").GetInt32();
            var r = await district.PostAsJsonAsync($"/api/v1/reports/{id}/return", new { reason = value, version });
            Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest or HttpStatusCode.Conflict, $"reason={value[..Math.Min(20, value.Length)]} → {(int)r.StatusCode}");
        }
        foreach (var client in new[] { town, district })
        {
            var html = await client.GetStringAsync($"/Reports/Edit/{luoman}/yearend");
            Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<script>alert", await client.GetStringAsync("/Reports"), StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.OK, (await district.GetAsync($"/api/v1/towns/{luoman}/reports/yearend/docx")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await district.GetAsync($"/api/v1/towns/{luoman}/reports/yearend/xlsx")).StatusCode);
    }

    [Fact]
    public async Task Hostile_values_in_a_meeting_its_actions_and_their_closing_note_are_refused_or_stored_harmlessly()
    {
        var district = await app.SignIn("quzuzhibu");
        var owner = await MeetingSetup.UserIdAsync(app, "luoman.dangwei");
        var fields = new[] { "on", "place", "departments", "attendees", "topics", "decisions", "text", "ownerUserId", "dueOn" };
        foreach (var value in Corpus)
        {
            foreach (var field in fields)
            {
                var body = new Dictionary<string, object?>
                {
                    ["on"] = MeetingSetup.Day(app, 0),
                    ["place"] = "会议室",
                    ["departments"] = "区委组织部",
                    ["attendees"] = "覃部长",
                    ["topics"] = "议题",
                    ["decisions"] = "决定",
                    ["version"] = 0,
                };
                var action = new Dictionary<string, object?> { ["text"] = "事项", ["ownerUserId"] = owner, ["dueOn"] = MeetingSetup.Day(app, 3) };
                (field is "text" or "ownerUserId" or "dueOn" ? action : body)[field] = value;
                body["actions"] = new[] { action };
                var r = await district.PostAsJsonAsync("/api/v1/meetings", body);
                Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.BadRequest, $"{field}={value[..Math.Min(20, value.Length)]} → {(int)r.StatusCode}");
            }
        }
        var town = await app.SignIn("luoman.dangwei");
        foreach (var value in Corpus)
        {
            var mine = JsonDocument.Parse(await town.GetStringAsync("/api/v1/actions/mine")).RootElement.EnumerateArray().First(a => a.GetProperty("state").GetString() != "已办结");
            var r = await town.PostAsJsonAsync($"/api/v1/actions/{mine.GetProperty("id").GetGuid()}/complete", new { note = value, version = mine.GetProperty("version").GetInt32() });
            Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"note={value[..Math.Min(20, value.Length)]} → {(int)r.StatusCode}");
        }
        foreach (var url in new[] { "/Meetings", "/Actions", "/Actions?state=All", "/api/v1/meetings?page=-1", "/api/v1/actions?state=%3Cscript%3E&page=2147483647" })
        {
            var r = await district.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.DoesNotContain("<script>alert", await r.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.DoesNotContain("<script>alert", await town.GetStringAsync("/Actions"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hostile_values_in_a_publicity_entry_and_its_decisions_are_refused_or_stored_harmlessly()
    {
        var village = await app.SignIn("luoman.cun");
        var district = await app.SignIn("qucanlian");
        var fields = new[] { "kind", "title", "text", "householdId", "helperId", "branchVillageCode", "consentOn" };
        var stored = new List<Guid>();
        foreach (var value in Corpus)
        {
            foreach (var field in fields)
            {
                var body = new Dictionary<string, object?> { ["kind"] = "GoodPractice", ["title"] = "经验做法", ["text"] = "沃柑种植带动增收", ["version"] = 0 };
                body[field] = value;
                var r = await village.PostAsJsonAsync("/api/v1/publicity", body);
                Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{field}={value[..Math.Min(20, value.Length)]} → {(int)r.StatusCode}");
                if (r.IsSuccessStatusCode && stored.Count < 3)
                {
                    stored.Add(JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid());
                }
            }
        }
        foreach (var id in stored)
        {
            Assert.True((int)(await village.PostAsJsonAsync($"/api/v1/publicity/{id}/submit", new { version = 0 })).StatusCode < 500);
        }
        foreach (var value in Corpus)
        {
            foreach (var id in stored)
            {
                var r = await district.PostAsJsonAsync($"/api/v1/publicity/{id}/return", new { reason = value, version = 1 });
                Assert.True((int)r.StatusCode < 500, $"return {value[..Math.Min(20, value.Length)]} → {(int)r.StatusCode}");
            }
        }
        Assert.True((int)(await village.GetAsync("/api/v1/publicity?kind=%00&state=%3Cscript%3E&page=-1")).StatusCode < 500);
        var page = await village.GetStringAsync("/Publicity");
        Assert.DoesNotContain("<script>alert", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await district.GetAsync("/api/v1/publicity/export.docx")).StatusCode);
    }
}

public sealed class HostileInputTests_Sqlite(SqliteApp app) : HostileInputTests(app), IClassFixture<SqliteApp>;

public sealed class HostileInputTests_Postgres(PostgresApp app) : HostileInputTests(app), IClassFixture<PostgresApp>;
