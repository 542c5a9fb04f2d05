using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Domain;

namespace Tongxing.Web.Data.Seed;

/// <summary>A demo login printed on start.</summary>
public sealed record DemoLogin(string UserName, string Password, Role Role, string AreaName);

/// <summary>
/// The reference data every instance needs (the area hierarchy) and the demo of SPEC §2: Liunan's 2020
/// programme, one login per office and about 200 synthetic households with generated, valid ID numbers.
/// </summary>
public static class DemoData
{
    public const string DemoPassword = "Tongxing@2020";
    public const string Guangxi = "450000000000";
    public const string Liuzhou = "450200000000";
    public const string LiunanDistrict = "450204000000";
    public const string Luoman = "450204101000";
    public const string Liushan = "450204102000";
    public const string LuomanVillage = "450204101201";
    public const string GuzhouVillage = "450204101202";

    public static readonly (string User, string Name, Role Role, string Area)[] Users =
    [
        ("qucanlian", "区残联 韦主任", Role.DistrictFederation, LiunanDistrict),
        ("quzuzhibu", "区委组织部 覃部长", Role.DistrictOrganization, LiunanDistrict),
        ("caizheng", "区财政局 黄会计", Role.Finance, LiunanDistrict),
        ("luoman.dangwei", "洛满镇党委 蓝书记", Role.TownCommittee, Luoman),
        ("luoman.canlian", "洛满镇残联 莫理事长", Role.TownFederation, Luoman),
        ("liushan.dangwei", "流山镇党委 梁书记", Role.TownCommittee, Liushan),
        ("liushan.canlian", "流山镇残联 覃理事长", Role.TownFederation, Liushan),
        ("luoman.cun", "洛满村党支部 潘书记", Role.VillageBranch, LuomanVillage),
        ("guzhou.cun", "古洲村党支部 李书记", Role.VillageBranch, GuzhouVillage),
        ("bangfuren", "党员帮扶人 陆师傅", Role.Helper, LuomanVillage),
        ("shicanlian", "柳州市残联 卢科长", Role.CityFederation, Liuzhou),
        ("zizhiqu.canlian", "自治区残联 蒙处长", Role.RegionFederation, Guangxi),
        ("guanliyuan", "柳南区 系统管理员 韦工", Role.Administrator, LiunanDistrict),
    ];

    /// <summary>Liunan's division codes in the official form (统计用区划代码,名称), shipped with the app for the demo.</summary>
    public static byte[] AreasFile()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Tongxing.Web.Data.Seed.areas.csv")
            ?? throw new InvalidOperationException("areas.csv is not embedded");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>The demo's area hierarchy as the import reads it (for tests of the rules without a database).</summary>
    public static IReadOnlyList<Area> Areas()
    {
        var (plan, errors) = DivisionCodes.Plan(Documents.DivisionFile.Read(AreasFile()).Rows, new Dictionary<string, Area>(), "");
        return plan?.Added.Select(u => new Area(u.Code, u.Name, u.Level, u.ParentCode)).ToList()
            ?? throw new InvalidOperationException(string.Join("; ", errors.Select(e => e.Message)));
    }

    public static Programme Liunan2020()
    {
        var p = new Programme(2020, LiunanDistrict, "2020年柳南区“党员扶残 温暖同行”项目")
        {
            Quota = 152,
            MinHouseholdsPerVillage = 1,
            SubsidyPerHousehold = Money.FromYuan(1000),
            ReferenceDate = new DateOnly(2020, 4, 2),
            MaleMinAge = 16,
            MaleMaxAge = 59,
            FemaleMinAge = 16,
            FemaleMaxAge = 54,
            PriorityIncomeThreshold = Money.FromYuan(5000),
            MinSkills = 1,
            MaxSkills = 2,
            MinHelpers = 1,
            MaxHelpers = 2,
            NoticeWorkingDays = 5,
        };
        p.SetTownQuota(Luoman, 70);
        p.SetTownQuota(Liushan, 82);
        p.SetFundShare(FundSource.Region, 7000, "自治区财政");
        p.SetFundShare(FundSource.City, 1000, "市残疾人就业保障金");
        p.SetFundShare(FundSource.District, 2000, "区级残疾人就业保障金（由市财政直接拨付）");
        p.SetPhase(ProgrammePhase.Survey, new(2020, 4, 2), new(2020, 4, 16), new(2020, 4, 9), "各镇报送帮扶对象汇总表（附件1）");
        p.SetPhase(ProgrammePhase.Approval, new(2020, 4, 16), new(2020, 4, 29), new(2020, 4, 29), "各镇报送帮扶对象登记表（附件2）及公示照片");
        p.SetPhase(ProgrammePhase.Funds, new(2020, 4, 27), new(2020, 5, 7), new(2020, 5, 7), "扶持资金发放到户");
        p.SetPhase(ProgrammePhase.Pairing, new(2020, 5, 7), new(2020, 5, 27), new(2020, 5, 27), "各镇报送帮扶协议书（附件3）及一户一表（附件4）");
        p.SetPhase(ProgrammePhase.Summary, new(2020, 11, 16), new(2020, 11, 23), new(2020, 11, 23), "镇残联报送年终工作总结");
        p.SetPhase(ProgrammePhase.Inspection, new(2020, 11, 16), new(2020, 11, 27), new(2020, 11, 27), "区委组织部、区残联检查验收各镇工作");
        return p;
    }

    /// <summary>Seeds the demo when asked and not yet there: Liunan's areas (through the import), programme, logins and households.</summary>
    public static async Task<IReadOnlyList<DemoLogin>> EnsureAsync(TongxingDb db, UserManager<AppUser> users, bool demo, TimeProvider clock, CancellationToken ct,
        FileStore? files = null)
    {
        if (!demo)
        {
            // A real district starts with no areas: the operator imports its division codes (import-areas).
            return [];
        }
        if (!await db.Areas.AnyAsync(a => a.Code == LiunanDistrict, ct))
        {
            // Through the import an operator runs, as the system (no administrator exists yet). The app serves nothing
            // yet, so a cache of its own is as good as the app's.
            using var cache = new Microsoft.Extensions.Caching.Memory.MemoryCache(new Microsoft.Extensions.Caching.Memory.MemoryCacheOptions());
            var import = new Features.Areas.ImportAreas(db, new Auth.CurrentUser(new HttpContextAccessor(), db), new AreaDirectory(db, cache), clock);
            var imported = await import.AsSystem(AreasFile(), apply: true, ct);
            if (!imported.Ok)
            {
                throw new InvalidOperationException("demo areas invalid: " + string.Join("; ", imported.Errors.Select(e => e.Message)));
            }
        }
        var areaNames = await db.Areas.ToDictionaryAsync(a => a.Code, a => a.Name, ct);
        var logins = Users.Select(u => new DemoLogin(u.User, DemoPassword, u.Role, areaNames.GetValueOrDefault(u.Area, u.Area))).ToList();
        if (await db.Programmes.AnyAsync(ct))
        {
            return logins;
        }

        // The demo is one caller of the create use case, acting as the system (no user's rights asked).
        var programme = Liunan2020();
        var towns = await db.Areas.Where(a => a.ParentCode == LiunanDistrict && a.Level == AreaLevel.Town).Select(a => a.Code).ToListAsync(ct);
        var created = await Features.Programmes.CreateProgramme.AddAsync(db, programme, ProgrammeLimits.Default, towns.ToHashSet(StringComparer.Ordinal), ct);
        if (!created.Ok)
        {
            throw new InvalidOperationException("演示项目未通过检查：" + string.Join("；", created.Errors.Select(e => e.Message)));
        }

        // Through the administrators' create use case (its checks), as the system: the demo's known password, no change required.
        foreach (var (user, name, role, area) in Users)
        {
            await Features.Admin.Users.UserAccounts.SeedAsync(db, users, new() { UserName = user, DisplayName = name, Role = role, AreaCode = area }, DemoPassword, ct);
        }

        var areas = await db.Areas.AsNoTracking().ToDictionaryAsync(a => a.Code, ct);
        var villages = areas.Values.Where(a => a.Level == AreaLevel.Village).OrderBy(a => a.Code).ToList();
        var today = Features.Shared.Clock.Today(clock);
        var seeded = Households(programme, villages, areas, 200, DemoFollowThrough.ProposedAt(programme, today) ?? clock.GetUtcNow()).ToList();
        // Later in the year: the first half on the plan's dates, then paid, paired, agreements, visits and logs
        // (DemoFollowThrough); one stored scan serves the notices' photos, the receipts and the agreements.
        var picture = DemoFollowThrough.ScanPicture();
        var scan = files is not null && programme.Phase(ProgrammePhase.Funds) is { } funds && today >= funds.Start
            ? await files.SaveAsync(picture, ".jpg", ct)
            : null;
        var firstHalf = DemoFollowThrough.FileForLaterPhase(programme, seeded, areas, await new CalendarStore(db).LoadAsync(ct), today,
            scan is null ? null : (scan, picture.LongLength), clock.GetUtcNow());
        db.Households.AddRange(seeded);
        db.SurveySubmissions.AddRange(firstHalf.Submissions);
        db.Notices.AddRange(firstHalf.Notices);
        var paid = DemoFollowThrough.PayForLaterPhase(programme, seeded, today, scan);
        db.FundEntries.AddRange(paid.Lines);
        db.PaymentBatches.AddRange(paid.Batches);
        db.Payments.AddRange(paid.Payments);
        db.ProjectStarts.AddRange(paid.Starts);
        var helperAccount = await db.Users.Where(u => u.UserName == "bangfuren").Select(u => u.Id).FirstAsync(ct);
        var (helpers, pairings) = PairForLaterPhase(programme, seeded, villages, areas, helperAccount, today, clock.GetUtcNow());
        db.Helpers.AddRange(helpers);
        db.Pairings.AddRange(pairings);
        var (visits, logs) = DemoFollowThrough.FollowUpForLaterPhase(programme, seeded, pairings, today, scan, clock.GetUtcNow());
        db.Visits.AddRange(visits);
        db.SupportLogs.AddRange(logs);
        db.HouseholdOutcomes.AddRange(DemoFollowThrough.OutcomesForLaterPhase(programme, seeded, visits));
        await db.SaveChangesAsync(ct);
        // The towns' quarterly reports, their figures counted from the records just written, as the report page counts them.
        var counting = new Features.Reports.ReportFigures(db);
        db.TownReports.AddRange(await DemoFollowThrough.ReportForLaterPhase(programme, areas, today,
            async (town, kind, on) => (await counting.CountAsync(programme, town, kind, on, ct)).ToJson(), clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return logins;
    }

    internal static readonly (string Given, HelperKind Kind, string Unit, string Post, string Skills)[] HelperProfiles =
    [
        ("永福", HelperKind.Technician, "沃柑种植专业合作社", "技术员", "沃柑种植、果树嫁接"),
        ("建国", HelperKind.WealthLeader, "种养专业合作社", "理事长", "生猪养殖"),
        ("春兰", HelperKind.ScienceEnvoy, "区农业农村局", "农艺师", "蔬菜大棚种植"),
        ("德荣", HelperKind.TradeAssociation, "区螺蛳粉产业协会", "会员", "螺蛳粉原料收购"),
        ("海平", HelperKind.Technician, "镇农业服务中心", "畜牧技术员", "肉牛、山羊养殖"),
        ("秀梅", HelperKind.WealthLeader, "竹编加工厂", "厂长", "竹编手工艺"),
    ];

    /// <summary>
    /// A demo started in the pairing phase (from 7 May) finds 2–3 helpers registered in every village with filed
    /// households (the first of 洛满村, 陆永福, signs in as bangfuren) and most filed households paired with a helper
    /// of their village, every fifth still unpaired and no agreement signed yet, so that the lists and the phone can be
    /// tried at once. Deterministic: the same on every start.
    /// </summary>
    internal static (List<Helper> Helpers, List<Pairing> Pairings) PairForLaterPhase(Programme programme, IReadOnlyList<Household> households, IReadOnlyList<Area> villages,
        IReadOnlyDictionary<string, Area> areas, string helperAccount, DateOnly today, DateTimeOffset at)
    {
        var helpers = new List<Helper>();
        var pairings = new List<Pairing>();
        if (programme.Phase(ProgrammePhase.Pairing) is not { } phase || today < phase.Start)
        {
            return (helpers, pairings);
        }
        var system = new Actor("seed", "演示数据", Role.TownCommittee, new AreaScope(AreaLevel.District, programme.DistrictCode));
        var on = phase.Start.AddDays(3) < today ? phase.Start.AddDays(3) : today;
        var registeredAt = DemoFollowThrough.Earlier(DemoFollowThrough.On(phase.Start, 9), at);
        var pairedAt = DemoFollowThrough.Earlier(DemoFollowThrough.On(on, 10), at);
        var filed = households.Where(h => PairingRules.CanBePaired(h.Status)).GroupBy(h => h.VillageCode).ToDictionary(g => g.Key, g => g.ToList());
        var n = 0;
        foreach (var village in villages.Where(v => filed.ContainsKey(v.Code)))
        {
            var path = AreaPath.Of(village.Code, areas)!;
            var count = village.Code == LuomanVillage ? 3 : 2 + n % 2;
            var own = new List<Helper>();
            for (var i = 0; i < count; i++, n++)
            {
                var luShifu = village.Code == LuomanVillage && i == 0;
                var profile = HelperProfiles[luShifu ? 0 : n % HelperProfiles.Length];
                var surname = luShifu ? "陆" : Surnames[(n * 7 + 3) % Surnames.Length];
                var gender = profile.Given is "春兰" or "秀梅" ? Gender.Female : Gender.Male;
                var phone = "1397720" + (1000 + n).ToString("0000", System.Globalization.CultureInfo.InvariantCulture);
                var helper = Helper.Register(new HelperDetails(surname + profile.Given, gender, phone, village.Name.Replace("居委会", "", StringComparison.Ordinal).Replace("委会", "", StringComparison.Ordinal) + "党支部",
                    profile.Unit, profile.Post, profile.Kind, profile.Skills), path, system, registeredAt);
                if (luShifu)
                {
                    helper.LinkAccount(helperAccount);
                }
                own.Add(helper);
            }
            helpers.AddRange(own);
            var k = 0;
            foreach (var h in filed[village.Code])
            {
                // Every fifth household is left unpaired, for the lists; a helper takes at most the programme's number.
                if (++k % 5 == 0)
                {
                    continue;
                }
                var helper = own.FirstOrDefault(x => x.ActiveHouseholds < Math.Min(programme.MaxHouseholdsPerHelper, village.Code == LuomanVillage ? 2 : 3));
                if (helper is null)
                {
                    break;
                }
                var (pairing, result) = Pairing.Start(h, helper, programme, on, system, pairedAt);
                if (result.Succeeded)
                {
                    pairings.Add(pairing!);
                }
            }
        }
        return (helpers, pairings);
    }

    internal static readonly string[] Surnames = ["韦", "覃", "黄", "蓝", "莫", "梁", "潘", "李", "陆", "廖", "罗", "谭", "吴", "陈", "刘", "卢", "蒙", "农", "甘", "唐"];
    private static readonly string[] GivenChars = ["秀", "玉", "桂", "金", "明", "春", "华", "国", "建", "文", "光", "庆", "凤", "兰", "英", "志", "海", "德", "荣", "丽", "红", "平", "强", "梅", "林", "福", "永", "祥", "芳", "成"];
    private static readonly string[] AddressCodes = ["450204", "450206", "450221"];
    private static readonly (ProjectType Type, string Text)[] Projects =
    [
        (ProjectType.Crops, "种植沃柑3亩"), (ProjectType.Crops, "种植螺蛳粉原料竹笋2亩"), (ProjectType.Crops, "种植蔬菜大棚1个"),
        (ProjectType.Livestock, "养殖土鸡200羽"), (ProjectType.Livestock, "养殖生猪10头"), (ProjectType.Livestock, "养殖肉牛2头"),
        (ProjectType.Livestock, "养殖稻田鱼1亩"), (ProjectType.Processing, "加工酸笋、腌菜"), (ProjectType.Processing, "竹编手工加工"),
        (ProjectType.Trade, "开办村头小卖部"), (ProjectType.Services, "摩托车维修"), (ProjectType.Services, "电商代购代销"),
    ];

    /// <summary>Deterministic synthetic households spread over every village; IDs are generated and valid but belong to no one.</summary>
    internal static IEnumerable<Household> Households(Programme programme, IReadOnlyList<Area> villages, IReadOnlyDictionary<string, Area> areas, int count, DateTimeOffset at,
        Random? random = null, HashSet<string>? usedIds = null, (int Min, int Max)? sizes = null)
    {
        // Demo: 1–5 people, at most 4 registered as members. The province generator asks for 2–6, all registered (~4 on average).
        var (minSize, maxSize) = sizes ?? (1, 5);
        var memberCap = sizes is null ? 4 : maxSize;
        random ??= new Random(2020);
        usedIds ??= [];
        for (var i = 0; i < count; i++)
        {
            var village = villages[i % villages.Count];
            var path = AreaPath.Of(village.Code, areas)!;
            var size = random.Next(minSize, maxSize + 1);
            var members = new List<MemberInput>();
            var surname = Surnames[random.Next(Surnames.Length)];
            var disabledIndex = random.Next(0, Math.Min(size, 2));
            for (var m = 0; m < Math.Min(size, memberCap); m++)
            {
                var relation = m == 0 ? Relation.Head : m == 1 ? Relation.Spouse : Relation.Child;
                var gender = m switch
                {
                    0 => random.Next(3) == 0 ? Gender.Female : Gender.Male,
                    1 => members[0].Gender == Gender.Male ? Gender.Female : Gender.Male,
                    _ => random.Next(2) == 0 ? Gender.Male : Gender.Female,
                };
                // Heads and spouses 17–66 on the reference date (some deliberately out of working age); children younger.
                var birth = m < 2
                    ? programme.ReferenceDate.AddYears(-random.Next(17, 67)).AddDays(-random.Next(0, 365))
                    : programme.ReferenceDate.AddYears(-random.Next(3, 25)).AddDays(-random.Next(0, 365));
                string id;
                do
                {
                    id = GenerateId(AddressCodes[random.Next(AddressCodes.Length)], birth, gender, random);
                }
                while (!usedIds.Add(id));
                var disabled = m == disabledIndex;
                var category = (DisabilityCategory)random.Next(1, 8);
                var grade = random.Next(1, 5);
                members.Add(new MemberInput
                {
                    Name = (relation == Relation.Spouse ? Surnames[random.Next(Surnames.Length)] : surname) + GivenName(random),
                    Gender = gender,
                    IdNumber = id,
                    Relation = relation,
                    CertificateNumber = disabled ? id + (int)category + grade.ToString(CultureInfo.InvariantCulture) : null,
                    LabourAbility = disabled ? (LabourAbility)random.Next(1, 4) : LabourAbility.Strong,
                    Phone = m == 0 ? "1" + random.Next(3, 10) + random.NextInt64(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture) : null,
                });
            }
            var project = Projects[random.Next(Projects.Length)];
            var input = new HouseholdInput
            {
                VillageCode = village.Code,
                Group = $"{GroupNames[random.Next(GroupNames.Length)]}屯",
                Address = $"{areas[path.TownCode].Name}{village.Name.Replace("居委会", "", StringComparison.Ordinal).Replace("委会", "", StringComparison.Ordinal)}",
                Size = size,
                PerCapitaIncome = (random.Next(1800, 7200) + random.Next(0, 100) / 100m).ToString(CultureInfo.InvariantCulture),
                Poverty = random.Next(10) switch { < 7 => PovertyStatus.Registered, < 9 => PovertyStatus.Lifted, _ => PovertyStatus.NotRegistered },
                ProjectType = project.Type,
                ProjectDescription = project.Text,
                WillToWork = random.Next(20) switch { 0 => false, 1 => null, _ => true },
                ProjectFeasible = random.Next(20) switch { 0 => false, 1 => null, _ => true },
                Members = members,
            };
            var (details, result) = HouseholdRegistration.Check(input, path, programme.ReferenceDate);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException("demo household invalid: " + string.Join("; ", result.Errors.Select(e => e.Field + " " + e.Message)));
            }
            var household = Household.Propose(details!, programme.Id, "seed", "演示数据", at);
            household.Rescreened(EligibilityRules.Evaluate(household, programme, new HashSet<string>()), "登记时自动筛查", "seed", "演示数据", at);
            yield return household;
        }
    }

    private static readonly string[] GroupNames = ["上", "下", "新", "大", "小", "东", "西", "河", "岭", "塘"];

    private static string GivenName(Random random) =>
        random.Next(3) == 0 ? GivenChars[random.Next(GivenChars.Length)] : GivenChars[random.Next(GivenChars.Length)] + GivenChars[random.Next(GivenChars.Length)];

    /// <summary>A valid 18-digit number for a synthetic person: sequence parity follows gender, check digit per GB 11643.</summary>
    public static string GenerateId(string addressCode, DateOnly birth, Gender gender, Random random)
    {
        var seq = random.Next(0, 500) * 2 + (gender == Gender.Male ? 1 : 0);
        var first17 = $"{addressCode}{birth:yyyyMMdd}{seq:000}";
        return first17 + ResidentId.CheckCharacter(first17);
    }
}
