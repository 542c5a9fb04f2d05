using System.IO.Compression;
using System.Text;

namespace Tongxing.Web.Features.Pairing;

/// <summary>The follow-up record in the archive's zip: support logs and visits as one table (.csv, opens in Excel), and their photos as files.</summary>
public static class FollowUpArchive
{
    /// <summary>At most this many logs and visits each go into the zip (a household's year holds far fewer).</summary>
    public const int Max = 500;

    public static async Task AddAsync(ZipArchive zip, FollowUpRecord record, Guid householdId, CancellationToken ct)
    {
        if ((await record.Read(householdId, Max, 1, ct)).Value is not { } f || f.Logs.Count + f.Visits.Count == 0)
        {
            return;
        }
        var table = new StringBuilder();
        table.AppendLine("类别,日期,方式,内容或走访情况,资金/物资,帮扶人或走访人员,帮扶人表现,意见建议,记录位置,照片");
        var photos = new List<(Guid Id, string Name)>();
        string Files(string prefix, string on, IReadOnlyList<Guid> ids)
        {
            var names = ids.Select((id, i) => $"帮扶照片/{prefix}_{on}_{photos.Count + i + 1:000}").ToList();
            photos.AddRange(ids.Zip(names));
            return string.Join("；", names);
        }
        foreach (var l in f.Logs)
        {
            table.AppendLine(Csv("帮扶日志", l.On, l.Kind, l.Content, string.Join("；", new[] { l.Money, l.Goods }.OfType<string>()), l.By, "", "", l.Where, Files("日志", l.On, l.Photos)));
        }
        foreach (var v in f.Visits)
        {
            table.AppendLine(Csv(v.Kind, v.On, "", v.Findings, "", v.Visitors, v.Rating + (v.RatingComment is null ? "" : "：" + v.RatingComment), v.Suggestions, v.Where,
                Files("走访", v.On, v.Photos)));
        }
        await using (var w = zip.CreateEntry("帮扶日志与走访记录.csv").Open())
        {
            await w.WriteAsync(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(table.ToString())).ToArray(), ct);
        }
        foreach (var (id, name) in photos)
        {
            if (await record.Photo(id, ct) is { } file)
            {
                await using (file.Content)
                {
                    await using var w = zip.CreateEntry(name + (file.ContentType == "image/png" ? ".png" : ".jpg")).Open();
                    await file.Content.CopyToAsync(w, ct);
                }
            }
        }
    }

    /// <summary>One CSV line; a cell a spreadsheet would take for a formula is neutralised, quotes doubled.</summary>
    private static string Csv(params string?[] cells) =>
        string.Join(",", cells.Select(c => "\"" + (Documents.FormWorkbook.Neutralise(c ?? "") ?? "").Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
}
