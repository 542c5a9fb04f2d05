using System.Text;
using Tongxing.Web.Data.Seed;
using Tongxing.Web.Documents;
using Tongxing.Web.Domain;

namespace Tongxing.UnitTests.Domain;

public sealed class DivisionCodesTests
{
    private static readonly Dictionary<string, Area> Liunan = DemoData.Areas().ToDictionary(a => a.Code);
    private const string LiunanPrefix = "450204";

    private static (AreaPlan? Plan, IReadOnlyList<FieldError> Errors) Plan(string prefix, params (string Code, string Name)[] rows) =>
        DivisionCodes.Plan(rows.Select((r, i) => new DivisionRow(i + 2, r.Code, r.Name)).ToList(), Liunan, prefix);

    private static string OnlyError(string prefix, params (string Code, string Name)[] rows)
    {
        var (plan, errors) = Plan(prefix, rows);
        Assert.Null(plan);
        return Assert.Single(errors).Message;
    }

    [Theory]
    [InlineData("450000000000", AreaLevel.Region)]
    [InlineData("450200000000", AreaLevel.City)]
    [InlineData("450204000000", AreaLevel.District)]
    [InlineData("450204101000", AreaLevel.Town)]
    [InlineData("450204101201", AreaLevel.Village)]
    [InlineData("450204101001", AreaLevel.Village)]
    public void The_level_follows_from_the_code(string code, AreaLevel level) => Assert.Equal(level, DivisionCodes.LevelOf(code).Value);

    [Theory]
    [InlineData("450204101201", "450204101000")]
    [InlineData("450204101000", "450204000000")]
    [InlineData("450204000000", "450200000000")]
    [InlineData("450200000000", "450000000000")]
    [InlineData("450000000000", null)]
    public void The_parent_is_the_code_with_its_own_part_zeroed(string code, string? parent) =>
        Assert.Equal(parent, DivisionCodes.ParentOf(code, DivisionCodes.LevelOf(code).Value));

    [Theory]
    [InlineData("45020410120", "代码应为12位数字")]
    [InlineData("4502041012011", "代码应为12位数字")]
    [InlineData("45020410120A", "代码应为12位数字")]
    [InlineData("４５０２０４１０１２０１", "代码应为12位数字")]
    [InlineData("000000000000", "代码不能全为0")]
    [InlineData("441900003000", "代码缺少县（区）一级")]
    [InlineData("450204000201", "代码缺少乡镇一级")]
    public void A_code_that_is_no_division_code_is_refused(string code, string message) =>
        Assert.StartsWith(message, DivisionCodes.LevelOf(code).Error);

    [Theory]
    [InlineData("", "名称不能为空")]
    [InlineData("   ", "名称不能为空")]
    [InlineData("洛满\u0007村", "不可见的控制字符")]
    [InlineData("洛满\u202E村", "不可见的控制字符")]
    [InlineData("洛满\uFFFD村", "乱码")]
    [InlineData("洛满\uD842村", "乱码")]
    public void A_name_that_is_empty_or_holds_invisible_characters_is_refused(string name, string message) =>
        Assert.Contains(message, DivisionCodes.NameOf(name).Error, StringComparison.Ordinal);

    [Fact]
    public void A_name_is_trimmed_bounded_and_may_hold_a_rare_character()
    {
        Assert.Equal("𠮷田村委会", DivisionCodes.NameOf("  𠮷田村委会 ").Value);
        Assert.Equal("名称不能超过50个字", DivisionCodes.NameOf(new string('村', 51)).Error);
    }

    [Fact]
    public void Each_row_error_names_its_row_and_column()
    {
        Assert.Equal("第2行（代码）：代码应为12位数字，现为“4502041012”", OnlyError("", ("4502041012", "某村")));
        Assert.Equal("第2行（名称）：名称不能为空", OnlyError("", ("450204101299", "")));
    }

    [Fact]
    public void A_code_twice_in_the_file_is_refused_at_its_second_row()
    {
        var message = OnlyError(LiunanPrefix, ("450204101299", "新村"), ("450204101299", "又一新村"));
        Assert.Equal("第3行（代码）：450204101299与第2行重复", message);
    }

    [Fact]
    public void A_code_outside_the_importers_area_is_refused()
    {
        var message = OnlyError(DemoData.Luoman[..9], ("450204102299", "流山新村"));
        Assert.Contains("不在您管理的区域内", message, StringComparison.Ordinal);
        Assert.Contains("不在您管理的区域内", OnlyError(LiunanPrefix, ("450200000000", "柳州市")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_unit_without_its_parent_in_the_tree_or_the_file_is_refused()
    {
        Assert.Contains("上级区划（450204103000）不存在", OnlyError(LiunanPrefix, ("450204103201", "新镇某村")), StringComparison.Ordinal);
        var (plan, errors) = Plan(LiunanPrefix, ("450204103201", "新镇某村"), ("450204103000", "新镇"));
        Assert.Empty(errors);
        Assert.Equal(["450204103000", "450204103201"], plan!.Added.Select(a => a.Code));
    }

    [Fact]
    public void The_parent_may_come_later_in_the_file()
    {
        var (plan, errors) = Plan("", ("450204103201", "新镇某村"), ("450204103000", "新镇"));
        Assert.Empty(errors);
        Assert.Equal(AreaLevel.Town, plan!.Added[0].Level);
        Assert.Equal("450204103000", plan.Added[1].ParentCode);
    }

    [Fact]
    public void A_file_retires_what_it_leaves_out_below_the_units_it_lists_and_nothing_else()
    {
        var luoman = Liunan.Values.Where(a => a.ParentCode == DemoData.Luoman).OrderBy(a => a.Code).ToList();
        var rows = new List<(string, string)> { (DemoData.Luoman, "洛满镇") };
        rows.AddRange(luoman.Skip(1).Select(a => (a.Code, a.Code == DemoData.GuzhouVillage ? "古洲社区" : a.Name)));
        rows.Add(("450204101299", "新建村委会"));
        var (plan, errors) = Plan(LiunanPrefix, [.. rows]);
        Assert.Empty(errors);
        Assert.Equal([luoman[0].Code], plan!.Retired.Select(a => a.Code));
        Assert.Equal(["450204101299"], plan.Added.Select(a => a.Code));
        Assert.Equal(("古洲村委会", "古洲社区"), (plan.Renamed.Single().Area.Name, plan.Renamed.Single().NewName));
        Assert.Equal(luoman.Count - 1, plan.Unchanged);

        // Villages listed without their town retire nothing.
        var (villagesOnly, _) = Plan(LiunanPrefix, ("450204101299", "新建村委会"));
        Assert.Empty(villagesOnly!.Retired);
    }

    [Fact]
    public void A_unit_whose_parent_this_file_retires_is_refused()
    {
        var message = OnlyError(LiunanPrefix, (DemoData.LiunanDistrict, "柳南区"), (DemoData.Liushan, "流山镇"), (DemoData.GuzhouVillage, "古洲村委会"));
        Assert.Contains("洛满镇（450204101000）不在文件中，导入后将被撤销", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_retired_unit_listed_again_is_restored_and_one_under_a_retired_parent_is_refused()
    {
        var tree = DemoData.Areas().ToDictionary(a => a.Code);
        tree[DemoData.Luoman].Retire(DateTimeOffset.UnixEpoch);
        var (plan, _) = DivisionCodes.Plan([new DivisionRow(2, DemoData.Luoman, "洛满镇")], tree, LiunanPrefix);
        Assert.Equal([DemoData.Luoman], plan!.Restored.Select(a => a.Code));
        var (none, errors) = DivisionCodes.Plan([new DivisionRow(2, "450204101299", "新村")], tree, LiunanPrefix);
        Assert.Null(none);
        Assert.Contains("已撤销", errors.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_municipal_placeholder_is_skipped()
    {
        var (plan, errors) = Plan("45", ("450201000000", "市辖区"));
        Assert.Empty(errors);
        Assert.Empty(plan!.Added);
        Assert.Equal("450201000000", plan.Skipped.Single().Code);
    }

    [Fact]
    public void Errors_are_listed_up_to_a_bound()
    {
        var (_, errors) = Plan("", [.. Enumerable.Range(0, 150).Select(i => ("x" + i, "某村"))]);
        Assert.Equal(DivisionCodes.MaxListedErrors + 1, errors.Count);
        Assert.Equal("另有50处错误未列出，请先改正以上错误", errors[^1].Message);
    }

    [Fact]
    public void A_village_added_by_hand_lies_under_its_town()
    {
        var luoman = Liunan[DemoData.Luoman];
        Assert.True(DivisionCodes.CheckNewVillage("450204101299", "新建村委会", luoman, LiunanPrefix).Succeeded);
        Assert.Equal("Code", DivisionCodes.CheckNewVillage("450204102299", "新建村委会", luoman, LiunanPrefix).Errors.Single().Field);
        Assert.Equal("Code", DivisionCodes.CheckNewVillage("450204101000", "新建村委会", luoman, LiunanPrefix).Errors.Single().Field);
        Assert.Equal("TownCode", DivisionCodes.CheckNewVillage("450204101299", "新建村委会", luoman, "450204102").Errors.Single().Field);
        Assert.Equal("Name", DivisionCodes.CheckNewVillage("450204101299", " ", luoman, LiunanPrefix).Errors.Single().Field);
    }

    [Fact]
    public void An_administrator_cannot_retire_the_own_unit()
    {
        var result = DivisionCodes.CheckRetire(Liunan[DemoData.LiunanDistrict], new AreaScope(AreaLevel.District, DemoData.LiunanDistrict));
        Assert.True(result.IsNotAllowed);
        Assert.True(DivisionCodes.CheckRetire(Liunan[DemoData.Luoman], new AreaScope(AreaLevel.District, DemoData.LiunanDistrict)).Succeeded);
    }

    [Fact]
    public void The_file_reader_takes_csv_in_utf8_with_bom_and_in_gb18030()
    {
        const string text = "统计用区划代码,城乡分类代码,名称\r\n450204101201,220,洛满村委会\r\n\"450204101202\",220,\"古洲,村委会\"\r\n";
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        foreach (var bytes in new[] { Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray(), Encoding.GetEncoding("GB18030").GetBytes(text) })
        {
            var file = DivisionFile.Read(bytes);
            Assert.Null(file.Error);
            Assert.Equal([new DivisionRow(2, "450204101201", "洛满村委会"), new DivisionRow(3, "450204101202", "古洲,村委会")], file.Rows);
        }
    }

    [Fact]
    public void The_file_reader_refuses_files_it_cannot_take()
    {
        Assert.Equal("上传的文件是空的", DivisionFile.Read([]).Error);
        Assert.StartsWith("找不到表头", DivisionFile.Read(Encoding.UTF8.GetBytes("a,b\n1,2\n")).Error, StringComparison.Ordinal);
        Assert.Equal("文件中没有数据行", DivisionFile.Read(Encoding.UTF8.GetBytes("代码,名称\n")).Error);
        Assert.StartsWith("文件超过", DivisionFile.Read(new byte[DivisionFile.MaxBytes + 1]).Error, StringComparison.Ordinal);
        Assert.StartsWith("文件已损坏", DivisionFile.Read([0x50, 0x4B, 0x03, 0x04, 1, 2, 3]).Error, StringComparison.Ordinal);
        Assert.StartsWith("文件设置了密码", DivisionFile.Read([0xD0, 0xCF, 0x11, 0xE0, 0, 0]).Error, StringComparison.Ordinal);
        var many = "代码,名称\n" + string.Concat(Enumerable.Repeat("450204101201,村\n", DivisionFile.MaxRows + 1));
        Assert.StartsWith("一次最多导入", DivisionFile.Read(Encoding.UTF8.GetBytes(many)).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_file_reader_takes_an_xlsx_with_codes_stored_as_numbers()
    {
        using var stream = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(stream, new[]
        {
            new Dictionary<string, object> { ["统计用区划代码"] = 450204101201d, ["名称"] = "洛满村委会" },
            new Dictionary<string, object> { ["统计用区划代码"] = "450204101202", ["名称"] = "古洲村委会" },
        });
        var file = DivisionFile.Read(stream.ToArray());
        Assert.Null(file.Error);
        Assert.Equal(["450204101201", "450204101202"], file.Rows.Select(r => r.Code));
        Assert.Equal(2, file.Rows[0].Row);
    }

    [Fact]
    public void The_shipped_demo_file_is_in_the_official_form_and_holds_Liunan()
    {
        Assert.Equal(26, Liunan.Count);
        Assert.Equal(21, Liunan.Values.Count(a => a.Level == AreaLevel.Village));
        Assert.StartsWith("统计用区划代码,名称", Encoding.UTF8.GetString(DemoData.AreasFile()), StringComparison.Ordinal);
    }
}
