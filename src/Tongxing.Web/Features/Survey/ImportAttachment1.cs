using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Documents;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Households;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Survey;

public enum ImportRowStatus
{
    New = 1,
    AlreadyRegistered = 2,
    Rejected = 3,
}

public sealed record ImportCellError(string Column, string Message);

public sealed record ImportRowResult(int RowNumber, string? Name, ImportRowStatus Status, IReadOnlyList<ImportCellError> Errors);

public sealed record ImportReport(string FileName, Guid? UploadId, string? FileError, int New, int AlreadyRegistered, int Rejected,
    bool Imported, IReadOnlyList<ImportRowResult> Rows)
{
    public bool CanImport => FileError is null && Rejected == 0 && New > 0 && !Imported;
}

/// <summary>
/// Imports a filled-in 附件1: every row checked with the same rules as the form; the whole file or nothing.
/// A dry run reports every row (row number, column, reason) and keeps the file for the user's decision;
/// rows of people already registered in the same village are skipped, so re-importing a file adds nothing.
/// </summary>
public sealed class ImportAttachment1(TongxingDb db, CurrentUser me, AreaDirectory areas, HouseholdChecks checks, Screener screener,
    TimeProvider clock, IConfiguration config)
{
    public long MaxBytes => config.GetValue("Survey:ImportMaxBytes", 10L * 1024 * 1024);
    private int MaxRows => config.GetValue("Survey:ImportMaxRows", 100_000);

    public async Task<Outcome<ImportReport>> DryRun(string fileName, byte[] content, CancellationToken ct)
    {
        if (!me.Can(Capability.ImportSurvey))
        {
            return Outcome<ImportReport>.Forbidden("只有村（社区）党组织和镇党委可以导入汇总表");
        }
        var (report, _, _) = await Check(fileName, content, ct);
        if (report.CanImport)
        {
            var name = PlainText.Clean(fileName) is { Length: > 0 and <= 200 } clean ? clean : "附件1.xlsx";
            var upload = new ImportUpload { Id = Guid.NewGuid(), UserId = me.Id, FileName = name, Content = content, UploadedAt = clock.GetUtcNow() };
            db.ImportUploads.Add(upload);
            await db.SaveChangesAsync(ct);
            report = report with { UploadId = upload.Id };
        }
        return Outcome<ImportReport>.Success(report);
    }

    /// <summary>Imports a file kept by an earlier dry run of the same user, checking it again against today's register.</summary>
    public async Task<Outcome<ImportReport>> Commit(Guid uploadId, CancellationToken ct)
    {
        var upload = await db.ImportUploads.FirstOrDefaultAsync(u => u.Id == uploadId && u.UserId == me.Id, ct);
        if (upload is null)
        {
            return Outcome<ImportReport>.NotFound();
        }
        var outcome = await Import(upload.FileName, upload.Content, ct, upload);
        return outcome;
    }

    /// <summary>Checks and, when every row passes, imports in one transaction (the API's one-step door).</summary>
    public async Task<Outcome<ImportReport>> Import(string fileName, byte[] content, CancellationToken ct, ImportUpload? upload = null)
    {
        if (!me.Can(Capability.ImportSurvey))
        {
            return Outcome<ImportReport>.Forbidden("只有村（社区）党组织和镇党委可以导入汇总表");
        }
        var (report, households, programme) = await Check(fileName, content, ct);
        if (!report.CanImport)
        {
            return Outcome<ImportReport>.Success(report);
        }
        var now = clock.GetUtcNow();
        var created = households.Select(d => Household.Propose(d, programme!.Id, me.Id, me.DisplayName, now)).ToList();
        await screener.ScreenAsync(created, programme!, $"导入附件1（{fileName}）时自动筛查", me.Id, me.DisplayName, now, ct);
        db.Households.AddRange(created);
        if (upload is not null)
        {
            db.ImportUploads.Remove(upload);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (HouseholdChecks.IsDuplicatePerson(e))
        {
            return Outcome<ImportReport>.Conflict("导入过程中有人员刚被他人登记，未导入任何数据，请重新试运行");
        }
        return Outcome<ImportReport>.Success(report with { Imported = true, UploadId = null });
    }

    private async Task<(ImportReport Report, List<HouseholdDetails> New, Programme? Programme)> Check(string fileName, byte[] content, CancellationToken ct)
    {
        if (content.LongLength > MaxBytes)
        {
            return (Failed(fileName, $"文件大小为{content.LongLength / 1024.0 / 1024:0.0}MB，超过{MaxBytes / 1024 / 1024}MB的上限，请分批导入"), [], null);
        }
        var sheet = Attachment1Reader.Read(content, MaxRows);
        if (sheet.Error is not null)
        {
            return (Failed(fileName, sheet.Error), [], null);
        }
        var district = await areas.DistrictOfAsync(me.Scope, ct);
        var programme = district is null ? null : await HouseholdChecks.CurrentProgrammeAsync(db, district, ct);
        if (programme is null)
        {
            return (Failed(fileName, "本区尚未配置帮扶项目"), [], null);
        }
        var within = await areas.WithinAsync(me.Scope, ct);
        var villageByName = within.Where(a => a.Level == AreaLevel.Village).GroupBy(a => a.Name).ToDictionary(g => g.Key, g => g.First());
        var paths = new Dictionary<string, AreaPath?>();
        var today = clock.Today();

        var checkedRows = new List<(SheetRow Row, HouseholdDetails? Details, List<ImportCellError> Errors)>();
        var firstRowOfId = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in sheet.Rows)
        {
            var errors = new List<ImportCellError>();
            var input = Attachment1Import.ToInput(row, villageByName, errors);
            AreaPath? path = null;
            if (input.VillageCode is { } code)
            {
                if (!paths.TryGetValue(code, out path))
                {
                    path = paths[code] = await areas.PathOfAsync(code, ct);
                }
            }
            HouseholdDetails? details = null;
            if (errors.Count == 0)
            {
                var (d, result) = HouseholdRegistration.Check(input, path, today);
                errors.AddRange(result.Errors.Select(e => new ImportCellError(Attachment1Import.ColumnOf(e.Field), e.Message)));
                details = d;
            }
            if (details is not null)
            {
                var id = details.Members[0].IdNumber;
                if (firstRowOfId.TryGetValue(id, out var first))
                {
                    errors.Add(new ImportCellError("身份证号码", $"与第{first}行的身份证号码重复"));
                    details = null;
                }
                else
                {
                    firstRowOfId[id] = row.RowNumber;
                }
            }
            checkedRows.Add((row, details, errors));
        }

        var registered = await screener.RegisteredAsync(programme.Id, checkedRows.Where(r => r.Details is not null).Select(r => r.Details!.Members[0].IdNumber), null, ct);
        var results = new List<ImportRowResult>();
        var fresh = new List<HouseholdDetails>();
        foreach (var (row, details, errors) in checkedRows)
        {
            var status = ImportRowStatus.Rejected;
            if (details is not null && errors.Count == 0)
            {
                if (registered.TryGetValue(details.Members[0].IdNumber, out var where))
                {
                    if (where.VillageCode == details.Area.VillageCode)
                    {
                        status = ImportRowStatus.AlreadyRegistered;
                    }
                    else
                    {
                        errors.Add(new ImportCellError("身份证号码", await checks.DuplicateMessageAsync(where, ct)));
                    }
                }
                else
                {
                    status = ImportRowStatus.New;
                    fresh.Add(details);
                }
            }
            results.Add(new ImportRowResult(row.RowNumber, row["户主姓名"], status, errors));
        }
        var report = new ImportReport(fileName, null, null, results.Count(r => r.Status == ImportRowStatus.New),
            results.Count(r => r.Status == ImportRowStatus.AlreadyRegistered), results.Count(r => r.Status == ImportRowStatus.Rejected), false, results);
        return (report, fresh, programme);
    }

    private static ImportReport Failed(string fileName, string error) => new(fileName, null, error, 0, 0, 0, false, []);
}
