using System.Globalization;
using System.Text;

namespace Tongxing.Load;

/// <summary>
/// What the officials met, per kind of request: times, conflicts, refusals, errors (with samples), and the nodes' memory
/// over time. An error is a failure of the system; a conflict (409) or a refusal (a rule said no, with its message) is an
/// answer the official reads and acts on.
/// </summary>
public sealed class LoadStats
{
    private sealed class Kind
    {
        public List<double> Times { get; } = [];
        public int Ok { get; set; }
        public int Answered => Ok + Conflicts + Refused;
        public int Conflicts { get; set; }
        public int Refused { get; set; }
        public int Errors { get; set; }
        public int Skipped { get; set; }
        public int RetriedOk { get; set; }
        public int Unrecovered { get; set; }
        public int ConnectionErrors { get; set; }
        public int ErrorsWithoutMessage { get; set; }
    }

    private readonly Dictionary<string, Kind> kinds = new(StringComparer.Ordinal);
    private readonly List<string> samples = [];
    private readonly List<string> refusals = [];
    private readonly List<(string Node, double At, double Mb)> memory = [];
    private readonly Lock gate = new();

    private Kind Of(string kind)
    {
        if (!kinds.TryGetValue(kind, out var k))
        {
            kinds[kind] = k = new Kind();
        }
        return k;
    }

    private enum Answer { Ok, Conflict, Refused }

    public void Ok(string kind, double ms, bool retried) => Answered(kind, ms, retried, Answer.Ok);

    public void Conflict(string kind, double ms, bool retried) => Answered(kind, ms, retried, Answer.Conflict);

    /// <summary>A business refusal (400/422 with a problem-details message): kept apart from errors, with a sample of its message.</summary>
    public void Refused(string kind, string message, double ms, bool retried)
    {
        Answered(kind, ms, retried, Answer.Refused);
        lock (gate)
        {
            if (refusals.Count < 50)
            {
                refusals.Add(string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:HH:mm:ss} {kind} {ms:0}ms: {message.ReplaceLineEndings(" ")}"));
            }
        }
    }

    private void Answered(string kind, double ms, bool retried, Answer answer)
    {
        lock (gate)
        {
            var k = Of(kind);
            switch (answer)
            {
                case Answer.Conflict: k.Conflicts++; break;
                case Answer.Refused: k.Refused++; break;
                default: k.Ok++; break;
            }
            k.Times.Add(ms);
            if (retried)
            {
                k.RetriedOk++;
            }
        }
    }

    public void Error(string kind, int status, string message, double ms = 0, bool retried = false)
    {
        lock (gate)
        {
            var k = Of(kind);
            k.Errors++;
            if (status == 0)
            {
                k.ConnectionErrors++;
            }
            else if (message == "(no body)")
            {
                k.ErrorsWithoutMessage++;
            }
            if (samples.Count < 200)
            {
                samples.Add(string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:HH:mm:ss} {kind} {status} {ms:0}ms{(retried ? " (retry)" : "")}: {message.ReplaceLineEndings(" ")}"));
            }
        }
    }

    public void Skip(string kind)
    {
        lock (gate)
        {
            Of(kind).Skipped++;
        }
    }

    public void Unrecovered(string kind)
    {
        lock (gate)
        {
            Of(kind).Unrecovered++;
        }
    }

    public void Memory(string node, double at, double mb)
    {
        lock (gate)
        {
            memory.Add((node, at, mb));
        }
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>
    /// Tab-separated: kind, answered (ok, conflicts and refusals), per second, conflicts, refused, errors, skipped, p50, p95,
    /// p99, max, then the fault columns.
    /// </summary>
    public string Table(double seconds)
    {
        lock (gate)
        {
            var sb = new StringBuilder("kind\tanswered\tper_s\tconflicts\trefused\terrors\tskipped\tp50_ms\tp95_ms\tp99_ms\tmax_ms\tconnection_errors\terrors_without_message\tok_after_retry\tunrecovered\n");
            var all = new List<double>();
            foreach (var (name, k) in kinds.OrderBy(k => k.Key, StringComparer.Ordinal))
            {
                var t = k.Times.Order().ToList();
                all.AddRange(t);
                sb.Append(CultureInfo.InvariantCulture, $"{name}\t{k.Answered}\t{k.Answered / seconds:0.00}\t{k.Conflicts}\t{k.Refused}\t{k.Errors}\t{k.Skipped}\t{Percentile(t, 0.5):0}\t{Percentile(t, 0.95):0}\t{Percentile(t, 0.99):0}\t{(t.Count > 0 ? t[^1] : 0):0}\t{k.ConnectionErrors}\t{k.ErrorsWithoutMessage}\t{k.RetriedOk}\t{k.Unrecovered}\n");
            }
            all.Sort();
            var total = kinds.Values.Sum(k => k.Answered);
            sb.Append(CultureInfo.InvariantCulture, $"ALL\t{total}\t{total / seconds:0.00}\t{kinds.Values.Sum(k => k.Conflicts)}\t{kinds.Values.Sum(k => k.Refused)}\t{kinds.Values.Sum(k => k.Errors)}\t{kinds.Values.Sum(k => k.Skipped)}\t{Percentile(all, 0.5):0}\t{Percentile(all, 0.95):0}\t{Percentile(all, 0.99):0}\t{(all.Count > 0 ? all[^1] : 0):0}\t{kinds.Values.Sum(k => k.ConnectionErrors)}\t{kinds.Values.Sum(k => k.ErrorsWithoutMessage)}\t{kinds.Values.Sum(k => k.RetriedOk)}\t{kinds.Values.Sum(k => k.Unrecovered)}\n");
            return sb.ToString();
        }
    }

    /// <summary>Tab-separated: seconds since the start, then each node's resident memory in MB.</summary>
    public string MemoryTable()
    {
        lock (gate)
        {
            var nodes = memory.Select(m => m.Node).Distinct().ToList();
            var sb = new StringBuilder("seconds\t" + string.Join('\t', nodes.Select(n => n + "_mb")) + "\n");
            foreach (var at in memory.GroupBy(m => Math.Round(m.At / 10) * 10).OrderBy(g => g.Key))
            {
                sb.Append(CultureInfo.InvariantCulture, $"{at.Key:0}\t");
                sb.AppendJoin('\t', nodes.Select(n => at.FirstOrDefault(m => m.Node == n) is { Node: not null } m ? m.Mb.ToString("0", CultureInfo.InvariantCulture) : "")).Append('\n');
            }
            return sb.ToString();
        }
    }

    public string ErrorSamples()
    {
        lock (gate)
        {
            return string.Join('\n', samples) + "\n";
        }
    }

    public string RefusalSamples()
    {
        lock (gate)
        {
            return string.Join('\n', refusals) + "\n";
        }
    }
}
