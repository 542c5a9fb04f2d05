using Tongxing.Web.Domain;

namespace Tongxing.UnitTests.Domain;

public sealed class BankResultRulesTests
{
    private static readonly DateOnly Today = new(2020, 5, 6);

    private static readonly BankBatchEntry[] Entries =
    [
        new(Guid.NewGuid(), 1, "甲", PaymentState.Sent, "6230000000000000001", 100_000),
        new(Guid.NewGuid(), 2, "乙", PaymentState.Sent, "6230000000000000002", 120_050),
        new(Guid.NewGuid(), 3, "丙", PaymentState.Paid, "6230000000000000003", 100_000),
    ];

    private static BankResultRow Row(int row, string number, string account, string amount, string result, string date = "2020-05-06", string reference = "R1", string reason = "") =>
        new(row, number, account, amount, result, date, reference, reason);

    [Fact]
    public void Paid_and_failed_rows_are_read_and_totalled_and_unanswered_rows_stay_open()
    {
        var plan = BankResultRules.Check([Row(2, "1", "6230 0000 0000 0000 001", "1000", "成功"), Row(3, "2", "6230000000000000002", "1,200.50", "失败", "", "", "账户冻结")], Entries, Today);
        Assert.True(plan.CanApply);
        Assert.Equal((1, 100_000L, 1, 120_050L, 0), (plan.PaidCount, plan.PaidFen, plan.FailedCount, plan.FailedFen, plan.Remaining));
        var partial = BankResultRules.Check([Row(2, "1", "6230000000000000001", "1000.00", "成功"), Row(3, "2", "6230000000000000002", "1200.5", "")], Entries, Today);
        Assert.Equal(1, partial.Remaining);
        Assert.Single(partial.Lines);
    }

    [Theory]
    [InlineData("9", "6230000000000000001", "1000", "成功", "2020-05-06", "不在本批次")]
    [InlineData("x", "6230000000000000001", "1000", "成功", "2020-05-06", "不在本批次")]
    [InlineData("1", "6230000000000000009", "1000", "成功", "2020-05-06", "银行账号")]
    [InlineData("1", "6230000000000000001", "1000.01", "成功", "2020-05-06", "金额")]
    [InlineData("1", "6230000000000000001", "abc", "成功", "2020-05-06", "金额")]
    [InlineData("1", "6230000000000000001", "1000", "成功", "", "发放日期")]
    [InlineData("1", "6230000000000000001", "1000", "成功", "下周", "无法识别")]
    [InlineData("1", "6230000000000000001", "1000", "成功", "2020-05-07", "晚于今天")]
    [InlineData("1", "6230000000000000001", "1000", "失败", "", "失败原因")]
    [InlineData("1", "6230000000000000001", "1000", "已处理", "", "结果应填")]
    [InlineData("3", "6230000000000000003", "1000", "成功", "2020-05-06", "已有结果")]
    public void A_row_that_does_not_agree_with_the_batch_is_an_error_and_the_file_cannot_be_applied(string number, string account, string amount, string result, string date, string expect)
    {
        var plan = BankResultRules.Check([Row(2, number, account, amount, result, date, "R1", "")], Entries, Today);
        Assert.False(plan.CanApply);
        Assert.Contains(expect, Assert.Single(plan.Lines).Error);
    }

    [Fact]
    public void A_duplicate_row_is_an_error_and_the_fingerprint_names_the_reading()
    {
        var twice = BankResultRules.Check([Row(2, "1", "6230000000000000001", "1000", "成功"), Row(3, "1", "6230000000000000001", "1000", "成功")], Entries, Today);
        Assert.Contains("重复", twice.Lines[1].Error);
        var a = BankResultRules.Check([Row(2, "1", "6230000000000000001", "1000", "成功", reference: "A")], Entries, Today);
        var b = BankResultRules.Check([Row(2, "1", "6230000000000000001", "1000", "成功", reference: "B")], Entries, Today);
        Assert.NotEqual(a.Fingerprint, b.Fingerprint);
        Assert.Equal(a.Fingerprint, BankResultRules.Check([Row(2, "1", "6230000000000000001", "1000", "成功", reference: "A")], Entries, Today).Fingerprint);
    }

    [Theory]
    [InlineData("2020-05-06")]
    [InlineData("2020/5/6")]
    [InlineData("20200506")]
    [InlineData("2020年5月6日")]
    [InlineData("43957")]
    public void Bank_dates_are_read_in_the_forms_banks_write(string text) => Assert.Equal(new DateOnly(2020, 5, 6), BankResultRules.ParseDate(text));

    [Fact]
    public void A_reference_with_formula_characters_is_refused()
    {
        var plan = BankResultRules.Check([Row(2, "1", "6230000000000000001", "1000", "成功", reference: "=HYPERLINK(\"x\")")], Entries, Today);
        Assert.Contains("银行流水号", plan.Lines[0].Error);
    }

    [Fact]
    public void A_paid_date_before_the_batch_went_to_the_bank_and_a_failure_reason_that_is_a_formula_are_refused()
    {
        var early = BankResultRules.Check([Row(2, "1", "6230000000000000001", "1000", "成功", "2020-05-01")], Entries, Today, new DateOnly(2020, 5, 4));
        Assert.Contains("早于批次提交银行的日期2020-05-04", early.Lines[0].Error);
        var onTheDay = BankResultRules.Check([Row(2, "1", "6230000000000000001", "1000", "成功", "2020-05-04")], Entries, Today, new DateOnly(2020, 5, 4));
        Assert.Null(onTheDay.Lines[0].Error);
        var formula = BankResultRules.Check([Row(2, "1", "6230000000000000001", "1000", "失败", "", "", "=HYPERLINK(\"http://x\",\"y\")")], Entries, Today);
        Assert.Contains("不能以=", formula.Lines[0].Error);
    }

    [Fact]
    public void A_row_repeating_the_result_already_recorded_does_nothing_and_a_different_one_is_refused()
    {
        var id = Guid.NewGuid();
        BankBatchEntry[] entries =
        [
            new(id, 1, "甲", PaymentState.Paid, "6230000000000000001", 100_000, new DateOnly(2020, 5, 6), "R1"),
            new(Guid.NewGuid(), 2, "乙", PaymentState.Failed, "6230000000000000002", 100_000, FailureReason: "账户冻结"),
            new(Guid.NewGuid(), 3, "丙", PaymentState.Sent, "6230000000000000003", 100_000),
        ];
        var rest = BankResultRules.Check([Row(2, "1", "6230000000000000001", "1000", "成功", reference: "R1"),
            Row(3, "2", "6230000000000000002", "1000", "失败", "", "", "账户冻结"), Row(4, "3", "6230000000000000003", "1000", "成功")], entries, Today);
        Assert.Equal([BankResultKind.Recorded, BankResultKind.Recorded, BankResultKind.Paid], rest.Lines.Select(l => l.Kind));
        Assert.True(rest.CanApply);
        Assert.Equal((1, 0, 0), (rest.PaidCount, rest.FailedCount, rest.ErrorCount));

        var nothingLeft = BankResultRules.Check([Row(2, "1", "6230000000000000001", "1000", "成功", reference: "R1")], entries, Today);
        Assert.False(nothingLeft.CanApply);
        var otherReference = BankResultRules.Check([Row(2, "1", "6230000000000000001", "1000", "成功", reference: "R9")], entries, Today);
        Assert.Contains("已有结果", otherReference.Lines[0].Error);
        var otherOutcome = BankResultRules.Check([Row(2, "2", "6230000000000000002", "1000", "成功")], entries, Today);
        Assert.Contains("已有结果", otherOutcome.Lines[0].Error);
    }
}
