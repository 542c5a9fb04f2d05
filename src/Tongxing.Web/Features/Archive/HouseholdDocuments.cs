using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Documents;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Households;
using Tongxing.Web.Features.Notices;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Archive;

public sealed record TimelineItem(string At, string Kind, string Text);

public sealed record AuditLine(long Seq, string At, string UserName, string? Address, string Action, string? Entity, string? Details);

public sealed record ArchiveView(HouseholdView Household, NoticeView? Notice, IReadOnlyList<TimelineItem> Timeline, IReadOnlyList<AuditLine> Audit);

/// <summary>
/// The household archive (一户一档) and its documents: 附件2 for signature, the notice, the photos of it, and the
/// whole timeline — on one page and as one zip. Full personal data, so only for offices that may see it.
/// </summary>
public sealed class HouseholdDocuments(TongxingDb db, CurrentUser me, AreaDirectory areas, GetHousehold households, GetNotice notices, NoticeActions photos,
    Funds.FundsReceipts receipts, Funds.HouseholdFunds funds, Pairing.FollowUpRecord followUps)
{
    public async Task<Outcome<RegistrationForm>> Form(Guid id, CancellationToken ct)
    {
        if (!me.Can(Capability.ViewFullPersonalData))
        {
            return Outcome<RegistrationForm>.Forbidden("登记表含完整个人信息，您的岗位无权导出");
        }
        var h = await db.Households.AsNoTracking().Within(me.Scope).Include(x => x.Members).Include(x => x.History).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (h is null)
        {
            return Outcome<RegistrationForm>.NotFound();
        }
        var programme = await db.Programmes.AsNoTracking().Where(p => p.Id == h.ProgrammeId).Select(p => p.Name).FirstAsync(ct);
        var names = await areas.NamesAsync([h.TownCode, h.VillageCode], ct);
        db.Audit("导出", "附件2", h.Id.ToString(), details: $"{h.HeadName}户登记表");
        await db.SaveChangesAsync(ct);
        return Outcome<RegistrationForm>.Success(FormOf(h, programme, names, await HelpersOfAsync([h.Id], ct)));
    }

    /// <summary>The helpers each household is paired with now, in the order they were paired ("陆永福、韦建华").</summary>
    private async Task<Dictionary<Guid, string>> HelpersOfAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        (await Pairing.CurrentHelpers.NamesAsync(db, ids, ct)).ToDictionary(x => x.Key, x => string.Join("、", x.Value));

    private static RegistrationForm FormOf(Household h, string programme, IReadOnlyDictionary<string, string> names, IReadOnlyDictionary<Guid, string> helpers)
    {
        var head = h.Members.Single(m => m.Relation == Relation.Head);
        static string? Disability(Member m) => m.DisabilityCategory is { } c ? Labels.Of(c) + Labels.Grade(m.DisabilityGrade ?? 0) : null;
        // The certificate the form asks for is the disabled person's: the head's, or else the first disabled member's, named.
        var disabled = DisabledPerson.Of(h.Members);
        string? Whose(string? value) => DisabledPerson.Whose(value, disabled);
        ApprovalBox Box(string office, HouseholdStatus to)
        {
            // The latest time the household reached this step, unless it was undone since.
            var e = h.History.Where(x => x.To == to && x.From != to).OrderByDescending(x => x.Seq).FirstOrDefault();
            var reached = e is not null && (int)h.Status >= (int)to && h.Status < HouseholdStatus.Returned;
            // The office's own words when it gave any ("镇党委审批同意：同意扶持" → "同意扶持"), otherwise "同意".
            var words = e?.Comment is { } c && c.IndexOf('：', StringComparison.Ordinal) is var i and >= 0 ? c[(i + 1)..] : "同意";
            return reached ? new ApprovalBox(office, words, Clock.Local(e!.At)) : new ApprovalBox(office, null, null);
        }
        return new RegistrationForm(programme, names.GetValueOrDefault(h.TownCode, ""), names.GetValueOrDefault(h.VillageCode, ""), h.Group,
            head.Name, Labels.Of(head.Gender), head.BirthDate.ToString("yyyy年M月d日"), head.IdNumber,
            Whose((disabled ?? head).CertificateNumber), Whose(Disability(disabled ?? head)),
            Labels.Of(head.LabourAbility), head.Phone, h.Address, h.Size, h.PerCapitaIncome.ToYuanString(), Labels.Of(h.Poverty),
            Labels.Of(h.ProjectType), h.ProjectDescription, helpers.GetValueOrDefault(h.Id) ?? h.HelperToBe,
            h.Members.OrderBy(m => m.Relation).ThenBy(m => m.BirthDate).Select(m => new FormMember(m.Name, Labels.Of(m.Relation), Labels.Of(m.Gender), m.IdNumber, Disability(m), Labels.Of(m.LabourAbility))).ToList(),
            [Box("村党组织", HouseholdStatus.ApprovedByVillage), Box("镇党委", HouseholdStatus.ApprovedByTown), Box("区残联", HouseholdStatus.ApprovedByDistrict), Box("镇党委备案", HouseholdStatus.Filed)]);
    }

    /// <summary>All 附件2 forms of a town's households in the approval chain or filed, as one zip.</summary>
    public async Task<Outcome<byte[]>> TownForms(string? town, CancellationToken ct)
    {
        if (!me.Can(Capability.ViewFullPersonalData) || me.Scope is null || me.Scope.Level == AreaLevel.Village)
        {
            return Outcome<byte[]>.Forbidden("全镇登记表由乡镇或区残联导出");
        }
        if (me.Scope.Level != AreaLevel.Town && string.IsNullOrEmpty(town))
        {
            return Outcome<byte[]>.Invalid([new FieldError("Town", "请先选择乡镇")]);
        }
        // A town exports its own forms; a district one of its towns. Any other town in the address does not exist here.
        var own = me.Scope.Level == AreaLevel.Town
            ? string.IsNullOrEmpty(town) || town == me.Scope.Code
            : await db.Areas.AsNoTracking().AnyAsync(a => a.Code == town && a.Level == AreaLevel.Town && a.ParentCode == me.Scope.Code, ct);
        if (!own)
        {
            return Outcome<byte[]>.NotFound();
        }
        town = me.Scope.Level == AreaLevel.Town ? me.Scope.Code : town;
        var list = await db.Households.AsNoTracking().Within(me.Scope).Include(x => x.Members).Include(x => x.History)
            .Where(h => h.TownCode == town && h.Status >= HouseholdStatus.Applied && h.Status <= HouseholdStatus.Assessed)
            .OrderBy(h => h.VillageCode).ThenBy(h => h.HeadName).ToListAsync(ct);
        if (list.Count == 0)
        {
            return Outcome<byte[]>.Invalid([new FieldError("", "该镇尚无进入审批环节的对象")]);
        }
        var names = await areas.NamesAsync(list.SelectMany(h => new[] { h.TownCode, h.VillageCode }), ct);
        db.Audit("导出", "附件2", town, details: $"{names.GetValueOrDefault(town!)}全部登记表，{list.Count}户");
        await db.SaveChangesAsync(ct);
        var programmes = await db.Programmes.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var helpers = await HelpersOfAsync(list.Select(h => h.Id).ToList(), ct);
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, true))
        {
            foreach (var (h, i) in list.Select((h, i) => (h, i + 1)))
            {
                var entry = zip.CreateEntry($"{i:000}_{names.GetValueOrDefault(h.VillageCode)}_{h.HeadName}_附件2登记表.docx");
                await using var w = entry.Open();
                await w.WriteAsync(Attachment2Document.Docx(FormOf(h, programmes[h.ProgrammeId], names, helpers)), ct);
            }
        }
        return Outcome<byte[]>.Success(stream.ToArray());
    }

    public async Task<Outcome<ArchiveView>> Archive(Guid id, CancellationToken ct)
    {
        var household = await households.Handle(id, ct);
        if (!household.Ok)
        {
            return new Outcome<ArchiveView>(household.Status, null, household.Errors);
        }
        var h = household.Value!;
        var births = h.FullPersonalData ? [] : await db.Members.AsNoTracking().Where(m => m.HouseholdId == id).Select(m => m.BirthDate).ToListAsync(ct);
        string? Shown(string? text) => h.FullPersonalData ? text : PersonalData.Redact(text, births);
        NoticeView? notice = null;
        if (h.NoticeId is { } noticeId)
        {
            notice = (await notices.Handle(noticeId, ct)).Value;
        }
        var timeline = h.History.Select(e => new TimelineItem(e.At, e.From is null || e.From == e.To ? "记录" : "状态", (e.From is null || e.From == e.To ? "" : $"{e.From} → {e.To}　") + $"{e.Comment}（{e.UserName}）")).ToList();
        if (notice is not null)
        {
            timeline.Add(new TimelineItem(notice.StartOn.ToString("yyyy-MM-dd"), "公示",
                $"{notice.Title}，公示期{notice.Period}，张贴照片{notice.Photos.Count}张，异议{notice.Objections.Count}条" + (notice.LateEntryNote is string late ? $"（{late}）" : "")));
            timeline.AddRange(notice.Photos.Select(p => new TimelineItem(p.UploadedAt, "照片", $"公示张贴照片（{p.UploadedBy}上传）")));
            timeline.AddRange(notice.Objections.Where(o => o.HouseholdId is null || o.HouseholdId == id)
                .Select(o => new TimelineItem(o.ReceivedOn, "异议", Shown(o.WithdrawnReason is { } reason
                    ? $"{o.Content}；已作为误登记撤销（{o.WithdrawnAt}，{o.WithdrawnBy}）：{reason}"
                    : $"{o.Content}；处理：{(o.Resolution is null ? "尚未处理" : $"{o.ResolvedOn}，{(o.Upheld == true ? "异议成立" : "异议不成立")}，{o.Resolution}")}")!)));
        }
        if (h.Funds is { PaymentId: not null } f)
        {
            // The current payment, its receipt and the project start (earlier failed or reversed payments are in the history).
            timeline.Add(new TimelineItem(f.PaidOn ?? "—", "发放", $"{f.State}：{f.Amount}，{f.Method}" + (f.BankReference is { } r ? $"，银行流水号{r}" : "")
                + (f.Account is { } acc ? $"，收款账户{acc}" : "") + (f.FailureReason is { } why ? $"，原因：{why}" : "")));
            if (f.ReceiptOn is { } on)
            {
                timeline.Add(new TimelineItem(on, "签收", f.Receipt + (f.Proxy is { } proxy ? $"，代签人{proxy}" : "") + (f.HasReceiptPhoto ? "，附签收单照片" : "")));
            }
        }
        if (h.Funds?.Project is { } project)
        {
            timeline.Add(new TimelineItem(project.StartedOn, "项目落实", Shown(project.Note) + (project.HasPhoto ? "（附现场照片）" : "") + $"（{project.RecordedBy}登记）"));
        }
        timeline.Add(new TimelineItem("—", "筛查", $"{h.ScreeningLabel}：" + string.Join("；", h.Rules.Where(r => r.Verdict != Verdict.Passed).Select(r => r.Reason).DefaultIfEmpty("各项条件均符合"))));
        // The archive's slice of the audit log: every recorded change and view of this household (latest 500).
        var subject = id.ToString();
        // Recorded values hold full numbers and birth dates: a viewer who sees numbers masked sees them hidden here too
        // (redacted before shortening, so a cut never leaves half a number unmasked).
        var audit = (await db.AuditEntries.AsNoTracking().Where(a => a.Subject == subject).OrderByDescending(a => a.Seq).Take(500).ToListAsync(ct))
            .Select(a => new AuditLine(a.Seq, Clock.Local(a.At), a.UserName, a.Address, a.Action, AuditReading.EntityLabel(a.Entity),
                TextCut.Shorten(string.Join("；", AuditReading.Describe(a.Action, a.Entity, Shown(a.Details), h.FullPersonalData)), 301))).ToList();
        return Outcome<ArchiveView>.Success(new ArchiveView(h, notice, timeline.OrderBy(t => t.At, StringComparer.Ordinal).ToList(), audit));
    }

    /// <summary>The archive as one zip: 附件2, the notice, its photos and a summary of the timeline.</summary>
    public async Task<Outcome<byte[]>> ArchiveZip(Guid id, string publicBase, CancellationToken ct)
    {
        var archive = await Archive(id, ct);
        var form = await Form(id, ct);
        if (!archive.Ok || !form.Ok)
        {
            return new Outcome<byte[]>(archive.Ok ? form.Status : archive.Status, null, archive.Ok ? form.Errors : archive.Errors);
        }
        var a = archive.Value!;
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, true))
        {
            await Add(zip, "附件2_帮扶对象登记表.docx", Attachment2Document.Docx(form.Value!), ct);
            if (a.Notice is { } n)
            {
                await Add(zip, "公示.docx", NoticeDocument.Docx(n.ToText(publicBase + "/p/" + n.PublicToken)), ct);
                foreach (var (p, i) in n.Photos.Select((p, i) => (p, i + 1)))
                {
                    var file = await photos.Photo(n.Id, p.Id, ct);
                    if (file is not null)
                    {
                        await using (file.Content)
                        {
                            var entry = zip.CreateEntry($"公示照片_{i:00}{(file.ContentType == "image/png" ? ".png" : ".jpg")}");
                            await using var w = entry.Open();
                            await file.Content.CopyToAsync(w, ct);
                        }
                    }
                }
            }
            if (a.Household.Funds is { HasReceiptPhoto: true, PaymentId: { } paymentId } && await receipts.Photo(paymentId, ct) is { } receipt)
            {
                await AddFile(zip, "签收凭证", receipt, ct);
            }
            if (a.Household.Funds?.Project is { HasPhoto: true } && await funds.ProjectPhoto(id, ct) is { } project)
            {
                await AddFile(zip, "项目落实照片", project, ct);
            }
            await Pairing.FollowUpArchive.AddAsync(zip, followUps, id, ct);
            var summary = new StringBuilder();
            summary.AppendLine($"一户一档：{a.Household.HeadName}户（{a.Household.TownName}{a.Household.VillageName}）");
            summary.AppendLine($"{a.Household.ProgrammeName}　当前状态：{a.Household.Status}　资格筛查：{a.Household.ScreeningLabel}");
            summary.AppendLine();
            foreach (var t in a.Timeline)
            {
                summary.AppendLine($"{t.At}　[{t.Kind}]　{t.Text}");
            }
            await Add(zip, "档案摘要.txt", Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(summary.ToString())).ToArray(), ct);
        }
        return Outcome<byte[]>.Success(stream.ToArray());
    }

    private static async Task AddFile(ZipArchive zip, string name, Funds.StoredFile file, CancellationToken ct)
    {
        await using (file.Content)
        {
            await using var w = zip.CreateEntry(name + (file.ContentType == "image/png" ? ".png" : ".jpg")).Open();
            await file.Content.CopyToAsync(w, ct);
        }
    }

    private static async Task Add(ZipArchive zip, string name, byte[] content, CancellationToken ct)
    {
        await using var w = zip.CreateEntry(name).Open();
        await w.WriteAsync(content, ct);
    }
}
