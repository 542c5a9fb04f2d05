using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MiniExcelLibs;

namespace Tongxing.Load;

/// <summary>
/// The mixed load of bench/mixed.sh: simulated officials (accounts made by the app's <c>bench-officials</c> command) sign
/// in with the login page as a browser does, then loop with think time over what their office does through /api/v1 —
/// reads, searches, saves with version tokens, approvals, payment batches, receipt photos, exports. Every request is
/// timed by kind; a 409 is a conflict (another official was first), a 400 or 422 carrying the API's problem details a
/// refusal (a rule of the programme said no, with a message the official reads), anything else not 2xx an error (a
/// failure of the system, retried with --retry). The nodes' resident memory is sampled every 10 s from /proc.
/// </summary>
public static class LoadProgram
{
    public static async Task<int> Main(string[] args)
    {
        var o = LoadOptions.Parse(args);
        var officials = File.ReadAllLines(o.Officials).Where(l => l.Trim().Length > 0).Select(l => l.Split(' ')).Take(o.Count).ToList();
        var stats = new LoadStats();
        var deadline = DateTime.UtcNow.AddSeconds(o.Seconds);
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(() => SampleMemory(o, stats, stop.Token));
        var photo = await File.ReadAllBytesAsync(o.Photo);
        var started = DateTime.UtcNow;
        var workers = officials.Select((f, i) => Task.Run(async () =>
        {
            // Officials arrive over the first 10 s, not all in the same millisecond.
            await Task.Delay(TimeSpan.FromMilliseconds(10_000.0 * i / Math.Max(1, officials.Count)));
            using var official = new Official(o, stats, f[0], f[1], f[2], photo, new Random(o.Seed + i));
            await official.Run(deadline);
        })).ToList();
        await Task.WhenAll(workers);
        var elapsed = (DateTime.UtcNow - started).TotalSeconds;
        await stop.CancelAsync();
        await sampler;
        await File.WriteAllTextAsync(o.Out, stats.Table(elapsed), Encoding.UTF8);
        await File.WriteAllTextAsync(Path.ChangeExtension(o.Out, ".rss.tsv"), stats.MemoryTable(), Encoding.UTF8);
        await File.WriteAllTextAsync(Path.ChangeExtension(o.Out, ".errors.txt"), stats.ErrorSamples(), Encoding.UTF8);
        await File.WriteAllTextAsync(Path.ChangeExtension(o.Out, ".refused.txt"), stats.RefusalSamples(), Encoding.UTF8);
        Console.Write(stats.Table(elapsed));
        return 0;
    }

    private static async Task SampleMemory(LoadOptions o, LoadStats stats, CancellationToken ct)
    {
        var start = DateTime.UtcNow;
        while (true)
        {
            foreach (var (name, pid) in o.Nodes)
            {
                stats.Memory(name, (DateTime.UtcNow - start).TotalSeconds, ReadRss(pid));
            }
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(10), ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>VmRSS of a process in MB, or -1 when it is gone (a node killed on purpose).</summary>
    private static double ReadRss(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? -1 : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }
        catch (IOException)
        {
            return -1;
        }
    }
}

/// <summary>Command-line options: --base URL --officials FILE --count N --seconds S --think S --out FILE --photo FILE --node name=pid --retry --seed N --saves-only.</summary>
public sealed class LoadOptions
{
    public string Base { get; private set; } = "http://127.0.0.1:5170";
    public string Officials { get; private set; } = "officials.txt";
    public int Count { get; private set; } = int.MaxValue;
    public double Seconds { get; private set; } = 60;
    public double Think { get; private set; } = 2;
    public string Out { get; private set; } = "mixed.tsv";
    public string Photo { get; private set; } = "photo.png";
    public bool Retry { get; private set; }
    /// <summary>Every official only saves households of their area (village and town offices), as fast as the think time lets them.</summary>
    public bool SavesOnly { get; private set; }
    public int Seed { get; private set; } = 17;
    public List<(string Name, int Pid)> Nodes { get; } = [];

    public static LoadOptions Parse(string[] args)
    {
        var o = new LoadOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => args[++i];
            switch (args[i])
            {
                case "--base": o.Base = Next().TrimEnd('/'); break;
                case "--officials": o.Officials = Next(); break;
                case "--count": o.Count = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--seconds": o.Seconds = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--think": o.Think = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--out": o.Out = Next(); break;
                case "--photo": o.Photo = Next(); break;
                case "--retry": o.Retry = true; break;
                case "--saves-only": o.SavesOnly = true; break;
                case "--seed": o.Seed = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--node":
                    var parts = Next().Split('=', 2);
                    o.Nodes.Add((parts[0], int.Parse(parts[1], CultureInfo.InvariantCulture)));
                    break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }
        return o;
    }
}

/// <summary>One simulated official: a cookie of their own, the households they have seen, what their office does.</summary>
public sealed class Official(LoadOptions o, LoadStats stats, string user, string role, string area, byte[] photo, Random random) : IDisposable
{
    private readonly HttpClient http = new(new SocketsHttpHandler { CookieContainer = new CookieContainer(), UseCookies = true, AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
    {
        BaseAddress = new Uri(o.Base + "/"),
        Timeout = TimeSpan.FromSeconds(120),
    };

    private readonly List<(string Id, string Name, string IdTail)> seen = [];

    private bool Village => role == "VillageBranch";
    private bool TownCommittee => role == "TownCommittee";
    private bool Town => role is "TownCommittee" or "TownFederation";
    private bool District => role is "DistrictFederation" or "DistrictOrganization";

    public void Dispose() => http.Dispose();

    public async Task Run(DateTime deadline)
    {
        while (!await SignIn() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                await Step();
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or NullReferenceException or FormatException or ArgumentException)
            {
                stats.Error("client", 0, e.GetType().Name + ": " + e.Message);
            }
            await Task.Delay(TimeSpan.FromSeconds(o.Think * (0.5 + random.NextDouble())));
        }
    }

    private async Task<bool> SignIn()
    {
        var page = await Call("sign-in", () => new HttpRequestMessage(HttpMethod.Get, "Account/Login"));
        if (page is null)
        {
            return false;
        }
        const string marker = "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"";
        var at = page.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
        var token = page[at..page.IndexOf('"', at)];
        var done = await Call("sign-in", () => new HttpRequestMessage(HttpMethod.Post, "Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["UserName"] = user, ["Password"] = "Tongxing@2020", ["__RequestVerificationToken"] = token }),
        }, redirectIsOk: true);
        return done is not null;
    }

    /// <summary>One action, drawn with the weights of the official's office.</summary>
    private Task Step()
    {
        if (o.SavesOnly)
        {
            return seen.Count == 0 ? List() : SaveBankAccount();
        }
        var roll = random.Next(100);
        return roll switch
        {
            < 22 => List(),
            < 34 => Detail(),
            < 42 => Get("dashboard", "api/v1/dashboard"),
            < 50 => Get("我的待办", "api/v1/me/next-actions"),
            < 57 => SearchName(),
            < 64 => SearchIdTail(),
            < 76 when Village || TownCommittee => SaveBankAccount(),
            < 76 => List(),
            < 84 when Village || TownCommittee || role == "DistrictFederation" => Approve(batch: random.Next(3) == 0),
            < 84 => Detail(),
            < 91 when Village || TownCommittee => ReceiptPhoto(),
            < 91 => Get("reconciliation", "api/v1/funds/reconciliation"),
            < 93 when TownCommittee => PaymentBatch(),
            < 97 => Export(),
            _ => Get("我的待办", "api/v1/me/next-actions"),
        };
    }

    private async Task List()
    {
        var page = 1 + random.Next(seen.Count > 0 ? 5 : 1);
        var body = await Call("list", () => new HttpRequestMessage(HttpMethod.Get, $"api/v1/households?page={page}&pageSize=20"));
        Remember(body);
    }

    private void Remember(string? body)
    {
        if (body is null)
        {
            return;
        }
        foreach (var item in JsonNode.Parse(body)!["items"]!.AsArray())
        {
            var id = (string)item!["id"]!;
            var masked = (string?)item["headIdMasked"] ?? "";
            if (seen.All(s => s.Id != id))
            {
                seen.Add((id, (string?)item["headName"] ?? "", masked.Length >= 4 ? masked[^4..] : "0000"));
            }
        }
        if (seen.Count > 200)
        {
            seen.RemoveRange(0, seen.Count - 200);
        }
    }

    private (string Id, string Name, string IdTail)? Any() => seen.Count == 0 ? null : seen[random.Next(seen.Count)];

    private async Task Detail()
    {
        if (Any() is not { } h)
        {
            await List();
            return;
        }
        await Call("detail", () => new HttpRequestMessage(HttpMethod.Get, $"api/v1/households/{h.Id}"));
    }

    private async Task SearchName()
    {
        var q = Any() is { } h && h.Name.Length > 0 ? h.Name[..1] : "陈";
        Remember(await Call("search: name", () => new HttpRequestMessage(HttpMethod.Get, $"api/v1/households?q={Uri.EscapeDataString(q)}&pageSize=20")));
    }

    private async Task SearchIdTail()
    {
        var q = Any() is { } h ? h.IdTail : random.Next(10_000).ToString("0000", CultureInfo.InvariantCulture);
        Remember(await Call("search: ID tail", () => new HttpRequestMessage(HttpMethod.Get, $"api/v1/households?q={q}&pageSize=20")));
    }

    private Task<string?> Get(string kind, string path) => Call(kind, () => new HttpRequestMessage(HttpMethod.Get, path));

    /// <summary>The household's bank account (收款账户): read it with the household's version, save a new number with that version.</summary>
    private async Task SaveBankAccount()
    {
        if (Any() is not { } h)
        {
            await List();
            return;
        }
        var body = await Call("save: read", () => new HttpRequestMessage(HttpMethod.Get, $"api/v1/households/{h.Id}/bank-account"));
        if (body is null)
        {
            return;
        }
        var view = JsonNode.Parse(body)!;
        if (view["canEdit"]?.GetValue<bool>() != true)
        {
            stats.Skip("save");
            return;
        }
        var input = new JsonObject
        {
            ["name"] = h.Name.Length > 0 ? h.Name : "户主",
            ["number"] = "6217" + random.NextInt64(100_000_000_000_000, 999_999_999_999_999).ToString(CultureInfo.InvariantCulture),
            ["bank"] = "广西壮族自治区农村信用社",
            ["version"] = (int)view["version"]!,
        };
        await Call("save", () => new HttpRequestMessage(HttpMethod.Put, $"api/v1/households/{h.Id}/bank-account") { Content = Json(input) });
    }

    private static StringContent Json(JsonNode node) => new(node.ToJsonString(), Encoding.UTF8, "application/json");

    /// <summary>The approval queue of the office, then one household approved, or up to 20 at once.</summary>
    private async Task Approve(bool batch)
    {
        var queue = await Call("approvals: queue", () => new HttpRequestMessage(HttpMethod.Get, "api/v1/approvals"));
        if (queue is null)
        {
            return;
        }
        var view = JsonNode.Parse(queue)!;
        var step = view["steps"]!.AsArray().FirstOrDefault(s => (int)s!["waiting"]! > 0);
        if (step is null)
        {
            stats.Skip(batch ? "approval: batch" : "approval: single");
            return;
        }
        var name = (string)step["step"]!;
        var rowsBody = (string?)view["current"]?["step"] == name ? queue
            : await Call("approvals: queue", () => new HttpRequestMessage(HttpMethod.Get, $"api/v1/approvals?step={name}"));
        var rows = rowsBody is null ? [] : JsonNode.Parse(rowsBody)!["rows"]!.AsArray().Select(r => r!).ToList();
        if (rows.Count == 0)
        {
            stats.Skip(batch ? "approval: batch" : "approval: single");
            return;
        }
        if (batch)
        {
            var ids = new JsonArray(rows.OrderBy(_ => random.Next()).Take(20).Select(r => (JsonNode)JsonValue.Create((string)r["id"]!)!).ToArray());
            await Call("approval: batch", () => new HttpRequestMessage(HttpMethod.Post, "api/v1/households/batch")
            {
                Content = Json(new JsonObject { ["action"] = name, ["comment"] = "同意", ["households"] = ids.DeepClone() }),
            });
            return;
        }
        var row = rows[random.Next(rows.Count)];
        await Call("approval: single", () => new HttpRequestMessage(HttpMethod.Post, $"api/v1/households/{(string)row["id"]!}/approval")
        {
            Content = Json(new JsonObject { ["action"] = "Approve", ["step"] = name, ["comment"] = "同意", ["version"] = (int)row["version"]! }),
        });
    }

    /// <summary>签收: a paid household's receipt recorded with a photo of the signed receipt.</summary>
    private async Task ReceiptPhoto()
    {
        var body = await Call("receipts: list", () => new HttpRequestMessage(HttpMethod.Get, $"api/v1/funds/receipts?state=pending"));
        if (body is null)
        {
            return;
        }
        var view = JsonNode.Parse(body)!;
        var rows = view["rows"]!.AsArray();
        if (rows.Count == 0)
        {
            stats.Skip("photo upload");
            return;
        }
        var row = rows[random.Next(rows.Count)]!;
        var today = (string)view["today"]!;
        await Call("photo upload", () =>
        {
            var form = new MultipartFormDataContent
            {
                { new StringContent("SignedPhoto"), "kind" },
                { new StringContent(today), "on" },
                { new StringContent(((int)row["version"]!).ToString(CultureInfo.InvariantCulture)), "version" },
            };
            var file = new ByteArrayContent(photo);
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
            form.Add(file, "photo", "签收单.png");
            return new HttpRequestMessage(HttpMethod.Post, $"api/v1/payments/{(string)row["paymentId"]!}/receipt") { Content = form };
        });
    }

    /// <summary>A town's payment batch from its unpaid filed households: create, add, send, bank file, the bank's result (dry run, apply).</summary>
    private async Task PaymentBatch()
    {
        var candidates = await Call("payment: candidates", () => new HttpRequestMessage(HttpMethod.Get, "api/v1/payment-batches/candidates"));
        var ids = candidates is null ? [] : JsonNode.Parse(candidates)!["households"]!.AsArray().Where(c => (bool?)c!["hasAccount"] == true).Select(c => (string)c!["householdId"]!).Take(50).ToList();
        if (ids.Count == 0)
        {
            stats.Skip("payment: create");
            return;
        }
        var created = await Call("payment: create", () => new HttpRequestMessage(HttpMethod.Post, "api/v1/payment-batches")
        {
            Content = Json(new JsonObject { ["title"] = "模拟批次" }),
        });
        if (created is null || JsonNode.Parse(created)?["id"] is not { } idNode)
        {
            return;
        }
        var id = (string)idNode!;
        async Task<int?> Version()
        {
            var b = await Call("payment: read", () => new HttpRequestMessage(HttpMethod.Get, $"api/v1/payment-batches/{id}"));
            return b is null ? null : (int?)JsonNode.Parse(b)!["version"];
        }
        if (await Version() is not { } v1 || await Call("payment: add", () => new HttpRequestMessage(HttpMethod.Post, $"api/v1/payment-batches/{id}/entries")
        {
            Content = Json(new JsonObject { ["householdIds"] = new JsonArray(ids.Select(i => (JsonNode)JsonValue.Create(i)!).ToArray()), ["version"] = v1 }),
        }) is null)
        {
            return;
        }
        if (await Version() is not { } v2 || await Call("payment: send", () => new HttpRequestMessage(HttpMethod.Post, $"api/v1/payment-batches/{id}/send")
        {
            Content = Json(new JsonObject { ["version"] = v2 }),
        }) is null)
        {
            return;
        }
        var bankFile = await CallBytes("payment: bank file", $"api/v1/payment-batches/{id}/bank-file");
        if (bankFile is null)
        {
            return;
        }
        var result = BankResult(bankFile);
        var dry = await Call("payment: result dry run", () => new HttpRequestMessage(HttpMethod.Post, $"api/v1/payment-batches/{id}/result?dryRun=true") { Content = ResultForm(result, null) });
        var fingerprint = dry is null ? null : (string?)JsonNode.Parse(dry)!["fingerprint"];
        if (fingerprint is null)
        {
            return;
        }
        await Call("payment: result apply", () => new HttpRequestMessage(HttpMethod.Post, $"api/v1/payment-batches/{id}/result?dryRun=false") { Content = ResultForm(result, fingerprint) });
    }

    /// <summary>
    /// A business refusal: 400 or 422 answered by the app's problem details, whose title is the app's Chinese message (the
    /// framework's own 400s are in English). 401, 403 and 404 (the official should not have been sent there), 5xx and
    /// anything without that body stay errors.
    /// </summary>
    internal static bool IsRefusal(int status, string? mediaType, string body)
    {
        if (status is not (400 or 422) || mediaType != "application/problem+json")
        {
            return false;
        }
        try
        {
            return JsonNode.Parse(body) is JsonObject problem && problem["title"] is JsonValue title
                && title.TryGetValue(out string? text) && text.Any(c => c is >= '\u4e00' and <= '\u9fff');
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static MultipartFormDataContent ResultForm(byte[] file, string? fingerprint)
    {
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        form.Add(content, "file", "银行结果.xlsx");
        if (fingerprint is not null)
        {
            form.Add(new StringContent(fingerprint), "fingerprint");
        }
        return form;
    }

    /// <summary>The bank's answer to its file: every row paid today, as a bank clerk fills the form's result columns.</summary>
    private static byte[] BankResult(byte[] bankFile)
    {
        using var input = new MemoryStream(bankFile);
        var rows = input.Query(useHeaderRow: false).Cast<IDictionary<string, object?>>().Select(r => r.Values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "").ToList()).ToList();
        var header = rows.FindIndex(r => r.Contains("序号") && r.Contains("银行账号"));
        var h = rows[header];
        int Col(string name) => h.IndexOf(name);
        var today = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var answer = rows.Skip(header + 1).TakeWhile(r => r.Count > 0 && r[Col("序号")].Trim().Length > 0 && int.TryParse(r[Col("序号")], out _))
            .Select(r => new Dictionary<string, object?>
            {
                ["序号"] = r[Col("序号")],
                ["银行账号"] = r[Col("银行账号")],
                ["金额(元)"] = r[Col("金额(元)")],
                ["结果"] = "成功",
                ["发放日期"] = today,
                ["银行流水号"] = "B" + r[Col("序号")],
                ["失败原因"] = "",
            }).ToList();
        using var output = new MemoryStream();
        output.SaveAs(answer);
        return output.ToArray();
    }

    private Task<byte[]?> Export()
    {
        if (Town)
        {
            return random.Next(2) == 0
                ? CallBytes("export: 附件1", $"api/v1/survey/attachment1?town={area}&filtered=true")
                : CallBytes("export: reconciliation", "api/v1/funds/reconciliation/export");
        }
        if (District)
        {
            return random.Next(2) == 0 ? CallBytes("export: ledger", "api/v1/ledger/export") : CallBytes("export: reconciliation", "api/v1/funds/reconciliation/export");
        }
        return CallBytes("export: ledger", "api/v1/ledger/export");
    }

    private async Task<byte[]?> CallBytes(string kind, string path)
    {
        byte[]? bytes = null;
        await Send(kind, () => new HttpRequestMessage(HttpMethod.Get, path), false, async r => bytes = await r.Content.ReadAsByteArrayAsync());
        return bytes;
    }

    /// <summary>A request, timed and classified; the body of a 2xx answer, else null.</summary>
    private async Task<string?> Call(string kind, Func<HttpRequestMessage> request, bool redirectIsOk = false)
    {
        string? body = null;
        await Send(kind, request, redirectIsOk, async r => body = await r.Content.ReadAsStringAsync());
        return body;
    }

    private async Task Send(string kind, Func<HttpRequestMessage> request, bool redirectIsOk, Func<HttpResponseMessage, Task> read)
    {
        for (var attempt = 0; ; attempt++)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            string? failure;
            int status;
            try
            {
                using var message = request();
                using var response = await http.SendAsync(message);
                status = (int)response.StatusCode;
                if (response.IsSuccessStatusCode || (redirectIsOk && status == 302))
                {
                    await read(response);
                    stats.Ok(kind, watch.Elapsed.TotalMilliseconds, retried: attempt > 0);
                    return;
                }
                var text = await response.Content.ReadAsStringAsync();
                if (status == 409)
                {
                    stats.Conflict(kind, watch.Elapsed.TotalMilliseconds, retried: attempt > 0);
                    return;
                }
                if (IsRefusal(status, response.Content.Headers.ContentType?.MediaType, text))
                {
                    // Not retried: the same request would be refused again until the official changes something.
                    stats.Refused(kind, text.Length > 300 ? text[..300] : text, watch.Elapsed.TotalMilliseconds, retried: attempt > 0);
                    return;
                }
                // A clear error names what went wrong: a message in its body (the API's problem details) or, for a 503
                // from nginx or a node going down, the status alone with Retry-After or a gateway page.
                failure = text.Length == 0 ? "(no body)" : text.Length > 300 ? text[..300] : text;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                status = 0;
                failure = "connection: " + e.Message;
            }
            stats.Error(kind, status, failure, watch.Elapsed.TotalMilliseconds, attempt > 0);
            if (!o.Retry || attempt >= 20)
            {
                if (o.Retry)
                {
                    stats.Unrecovered(kind);
                }
                return;
            }
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }
}
