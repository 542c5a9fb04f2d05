namespace Tongxing.Web.Domain;

public enum PaymentMethod
{
    /// <summary>银行代发 (惠民惠农财政补贴资金“一卡通”) in a payment batch.</summary>
    Bank = 1,
    /// <summary>现金发放 against a signed receipt.</summary>
    Cash = 2,
}

public enum PaymentState
{
    /// <summary>In a batch still being drawn up (草稿).</summary>
    Pending = 1,
    /// <summary>The batch went to the bank; the result is not back.</summary>
    Sent = 2,
    Paid = 3,
    /// <summary>The bank could not pay; the household may go into a new batch.</summary>
    Failed = 4,
    /// <summary>Taken out of its batch, or a paid amount reversed (冲销), with a reason.</summary>
    Reversed = 9,
}

public enum BatchState
{
    Draft = 1,
    /// <summary>The bank file was issued; the batch can no longer be edited, only reversed entry by entry.</summary>
    Sent = 2,
    /// <summary>Every entry has its result (paid, failed or reversed).</summary>
    Closed = 3,
    /// <summary>A draft given up before it was sent.</summary>
    Cancelled = 9,
}

public enum ReceiptKind
{
    /// <summary>A photo of the receipt signed by the household.</summary>
    SignedPhoto = 1,
    /// <summary>Signed by a proxy for a member who cannot sign, recorded by the village.</summary>
    Proxy = 2,
}

/// <summary>
/// The payment of one household's subsidy (ADR 0023). The payee and account are copied from the household when the
/// payment is made, so a later edit of the household does not rewrite what was paid. While the payment is live
/// (pending, sent or paid) <see cref="LiveHouseholdId"/> holds the household's id under a unique index: the database
/// itself refuses a second live payment of the same household, whichever request gets there second.
/// </summary>
public sealed class Payment
{
    private Payment() { }

    public Guid Id { get; private set; }
    public int ProgrammeId { get; private set; }
    public Guid HouseholdId { get; private set; }
    /// <summary>The household's id while this payment is live, null once failed or reversed (unique index).</summary>
    public Guid? LiveHouseholdId { get; private set; }
    public string RegionCode { get; private set; } = "";
    public string CityCode { get; private set; } = "";
    public string DistrictCode { get; private set; } = "";
    public string TownCode { get; private set; } = "";
    public string VillageCode { get; private set; } = "";
    public Guid? BatchId { get; private set; }
    /// <summary>The entry's line number in its batch (and in the bank file), from 1.</summary>
    public int Line { get; private set; }
    public PaymentMethod Method { get; private set; }
    public PaymentState State { get; private set; }
    /// <summary>The amount in fen (a plain integer column, so that SQL sums it).</summary>
    public long Fen { get; private set; }
    public Money Amount => new(Fen);
    /// <summary>The amount's parts per source in fen, fixed when the payment is made (<see cref="FundSplitRule"/>).</summary>
    public long RegionFen { get; private set; }
    public long CityFen { get; private set; }
    public long DistrictFen { get; private set; }
    public string PayeeName { get; private set; } = "";
    public string? PayeeIdNumber { get; private set; }
    public string? AccountNumber { get; private set; }
    public string? BankName { get; private set; }
    public DateOnly? PaidOn { get; private set; }
    public string? BankReference { get; private set; }
    public string? FailureReason { get; private set; }
    public string? ReversalReason { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset? SettledAt { get; private set; }

    // 签收: the household's confirmation of receipt.
    public ReceiptKind? ReceiptKind { get; private set; }
    public DateOnly? ReceiptOn { get; private set; }
    public string? ReceiptStoredName { get; private set; }
    public string? ReceiptContentType { get; private set; }
    public string? ProxyName { get; private set; }
    public string? ProxyRelation { get; private set; }
    public string? ProxyReason { get; private set; }
    public DateTimeOffset? ReceiptRecordedAt { get; private set; }
    public string? ReceiptRecordedBy { get; private set; }
    public string? ReceiptRecordedByName { get; private set; }

    public int Version { get; private set; }

    public bool IsLive => State is PaymentState.Pending or PaymentState.Sent or PaymentState.Paid;
    public bool HasReceipt => ReceiptKind is not null;

    public IReadOnlyList<(FundSource Source, Money Amount)> Parts =>
        [(FundSource.Region, new Money(RegionFen)), (FundSource.City, new Money(CityFen)), (FundSource.District, new Money(DistrictFen))];

    /// <summary>
    /// Whether the household can be paid now: filed (and not yet paid), and the amount at least the programme's subsidy.
    /// Whether another payment is live is the unique index's to say, and the caller's to check first for a clear message.
    /// </summary>
    /// <param name="maxTimesSubsidy">The most a household may be paid, as a multiple of the subsidy (<c>Funds:MaxPaymentTimesSubsidy</c>).</param>
    public static Result CanPay(Household household, Money amount, Programme programme, int maxTimesSubsidy)
    {
        if (household.Status != HouseholdStatus.Filed)
        {
            return household.Status == HouseholdStatus.Paid || household.Status > HouseholdStatus.Paid && household.Status < HouseholdStatus.Returned
                ? Result.Conflict($"{household.HeadName}户已发放资金，同一项目只能发放一次")
                : Result.Refused($"{household.HeadName}户当前状态为“{Labels.Of(household.Status)}”，只有已备案的对象才能发放资金");
        }
        if (amount < programme.SubsidyPerHousehold)
        {
            return Result.Refused($"{household.HeadName}户的发放金额{amount}低于本项目每户扶持资金{programme.SubsidyPerHousehold}", nameof(Amount));
        }
        var most = new Money(checked(programme.SubsidyPerHousehold.Fen * Math.Max(1, maxTimesSubsidy)));
        if (amount > most)
        {
            return Result.Refused($"{household.HeadName}户的发放金额{amount}超过每户扶持资金的{Math.Max(1, maxTimesSubsidy)}倍（{most}），请核对", nameof(Amount));
        }
        return Result.Ok;
    }

    private static Payment New(Household household, Money amount, IReadOnlyList<FundShare> shares, PaymentMethod method, Actor who, DateTimeOffset at)
    {
        var parts = FundSplitRule.Split(amount, shares).ToDictionary(p => p.Source, p => p.Amount);
        return new Payment
        {
            Id = Guid.NewGuid(),
            ProgrammeId = household.ProgrammeId,
            HouseholdId = household.Id,
            LiveHouseholdId = household.Id,
            RegionCode = household.RegionCode,
            CityCode = household.CityCode,
            DistrictCode = household.DistrictCode,
            TownCode = household.TownCode,
            VillageCode = household.VillageCode,
            Method = method,
            Fen = amount.Fen,
            RegionFen = parts.GetValueOrDefault(FundSource.Region).Fen,
            CityFen = parts.GetValueOrDefault(FundSource.City).Fen,
            DistrictFen = parts.GetValueOrDefault(FundSource.District).Fen,
            PayeeName = household.BankAccountName ?? household.HeadName,
            PayeeIdNumber = household.HeadIdNumber,
            AccountNumber = household.BankAccountNumber,
            BankName = household.BankName,
            CreatedAt = at,
            CreatedBy = who.UserId,
            Version = 1,
        };
    }

    /// <summary>An entry of a draft batch; the household's bank account is copied now.</summary>
    public static Payment InBatch(Household household, PaymentBatch batch, int line, Money amount, IReadOnlyList<FundShare> shares, Actor who, DateTimeOffset at)
    {
        var p = New(household, amount, shares, PaymentMethod.Bank, who, at);
        p.BatchId = batch.Id;
        p.Line = line;
        p.State = PaymentState.Pending;
        return p;
    }

    /// <summary>A cash payment, paid on the day against the receipt the household signed (which is also its 签收).</summary>
    public static Payment InCash(Household household, Money amount, IReadOnlyList<FundShare> shares, DateOnly paidOn,
        (string StoredName, string ContentType) signedReceipt, Actor who, DateTimeOffset at)
    {
        var p = New(household, amount, shares, PaymentMethod.Cash, who, at);
        p.AccountNumber = null;
        p.BankName = null;
        p.State = PaymentState.Paid;
        p.PaidOn = paidOn;
        p.SettledAt = at;
        p.ReceiptKind = Domain.ReceiptKind.SignedPhoto;
        p.ReceiptOn = paidOn;
        p.ReceiptStoredName = signedReceipt.StoredName;
        p.ReceiptContentType = signedReceipt.ContentType;
        p.ReceiptRecordedAt = at;
        p.ReceiptRecordedBy = who.UserId;
        p.ReceiptRecordedByName = who.Name;
        return p;
    }

    /// <summary>The batch went to the bank.</summary>
    public void MarkSent()
    {
        if (State == PaymentState.Pending)
        {
            State = PaymentState.Sent;
            Version++;
        }
    }

    /// <summary>The bank's result: paid on a date with its reference.</summary>
    public Result RecordPaid(DateOnly on, string? bankReference, DateTimeOffset at)
    {
        if (State != PaymentState.Sent)
        {
            return Result.Conflict($"第{Line}行（{PayeeName}）当前为“{Labels.Of(State)}”，不能登记为发放成功");
        }
        State = PaymentState.Paid;
        PaidOn = on;
        BankReference = bankReference;
        SettledAt = at;
        Version++;
        return Result.Ok;
    }

    /// <summary>The bank's result: not paid, with the bank's reason. The household is free for a new batch.</summary>
    public Result RecordFailed(string reason, DateTimeOffset at)
    {
        if (State != PaymentState.Sent)
        {
            return Result.Conflict($"第{Line}行（{PayeeName}）当前为“{Labels.Of(State)}”，不能登记为发放失败");
        }
        State = PaymentState.Failed;
        FailureReason = reason;
        LiveHouseholdId = null;
        SettledAt = at;
        Version++;
        return Result.Ok;
    }

    /// <summary>Whether <see cref="Reverse"/> would act: a paid entry only (one at the bank waits for its result).</summary>
    public bool CanBeReversed => State == PaymentState.Paid;

    /// <summary>
    /// Reverses a paid entry (冲销) with a reason; the caller writes the ledger's reversal lines. The household is free to
    /// be paid again. An entry still at the bank is not reversed: its result comes first.
    /// </summary>
    public Result Reverse(string reason, DateTimeOffset at)
    {
        if (State == PaymentState.Sent)
        {
            // The bank holds the instruction: freeing the household now would let a second batch pay it again.
            return Result.Conflict("该笔已提交银行、尚无银行回单，不能冲销：请待银行回单导入后处理（失败的可重新编入批次，成功的可冲销）");
        }
        if (State != PaymentState.Paid)
        {
            return Result.Conflict($"该笔发放当前为“{Labels.Of(State)}”，不能冲销");
        }
        State = PaymentState.Reversed;
        ReversalReason = reason;
        LiveHouseholdId = null;
        SettledAt ??= at;
        Version++;
        return Result.Ok;
    }

    /// <summary>签收 recorded by the village (or town): a photo of the signed receipt, or a proxy's signature.</summary>
    public Result RecordReceipt(ReceiptKind kind, DateOnly on, (string StoredName, string ContentType)? photo, string? proxyName, string? proxyRelation,
        string? proxyReason, Actor who, DateTimeOffset at)
    {
        if (State != PaymentState.Paid)
        {
            return Result.Conflict($"该笔发放当前为“{Labels.Of(State)}”，只有已发放的资金才能登记签收");
        }
        if (HasReceipt)
        {
            return Result.Conflict("该户已登记签收");
        }
        if (PaidOn is { } paid && on < paid)
        {
            return Result.Refused($"签收日期不能早于发放日期（{paid:yyyy-MM-dd}）", nameof(ReceiptOn));
        }
        ReceiptKind = kind;
        ReceiptOn = on;
        ReceiptStoredName = photo?.StoredName;
        ReceiptContentType = photo?.ContentType;
        ProxyName = proxyName;
        ProxyRelation = proxyRelation;
        ProxyReason = proxyReason;
        ReceiptRecordedAt = at;
        ReceiptRecordedBy = who.UserId;
        ReceiptRecordedByName = who.Name;
        Version++;
        return Result.Ok;
    }

    public const int MaxReasonLength = 200;
    public const int MaxReferenceLength = 50;
}

/// <summary>
/// A town's payment batch (代发批次): entries are <see cref="Payment"/>s with its id. Its control totals (count and sum)
/// are fixed when it is sent, and the bank's result file must agree with them.
/// </summary>
public sealed class PaymentBatch
{
    private PaymentBatch() { }

    public PaymentBatch(int programmeId, AreaPath town, int number, string title, Actor who, DateTimeOffset at)
    {
        Id = Guid.NewGuid();
        ProgrammeId = programmeId;
        RegionCode = town.RegionCode;
        CityCode = town.CityCode;
        DistrictCode = town.DistrictCode;
        TownCode = town.TownCode;
        Number = number;
        Title = title;
        State = BatchState.Draft;
        CreatedAt = at;
        CreatedBy = who.UserId;
        CreatedByName = who.Name;
        Version = 1;
    }

    public Guid Id { get; private set; }
    public int ProgrammeId { get; private set; }
    public string RegionCode { get; private set; } = "";
    public string CityCode { get; private set; } = "";
    public string DistrictCode { get; private set; } = "";
    public string TownCode { get; private set; } = "";
    /// <summary>Numbered per town and programme from 1 (unique).</summary>
    public int Number { get; private set; }
    public string Title { get; private set; } = "";
    public BatchState State { get; private set; }
    public int ControlCount { get; private set; }
    public long ControlFen { get; private set; }
    public Money ControlSum => new(ControlFen);
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public string CreatedByName { get; private set; } = "";
    public DateTimeOffset? SentAt { get; private set; }
    public string? SentByName { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public int Version { get; private set; }

    /// <summary>The batch leaves for the bank with these totals; from now on it is not edited.</summary>
    public Result Send(int count, Money sum, string byName, DateTimeOffset at)
    {
        if (State != BatchState.Draft)
        {
            return Result.Conflict($"批次当前为“{Labels.Of(State)}”，不能再次提交银行");
        }
        if (count == 0)
        {
            return Result.Refused("批次中没有发放对象，不能提交银行");
        }
        State = BatchState.Sent;
        ControlCount = count;
        ControlFen = sum.Fen;
        SentAt = at;
        SentByName = byName;
        Version++;
        return Result.Ok;
    }

    public Result Cancel()
    {
        if (State != BatchState.Draft)
        {
            return Result.Conflict($"批次当前为“{Labels.Of(State)}”，已提交银行的批次只能逐笔冲销");
        }
        State = BatchState.Cancelled;
        Version++;
        return Result.Ok;
    }

    /// <summary>Every entry has its result: the batch is closed.</summary>
    public void Close(DateTimeOffset at)
    {
        if (State == BatchState.Sent)
        {
            State = BatchState.Closed;
            ClosedAt = at;
            Version++;
        }
    }

    /// <summary>A change to the batch's entries (add, remove) bumps its version, so two editors of one draft cannot both win.</summary>
    public Result Touch()
    {
        if (State != BatchState.Draft)
        {
            return Result.Conflict($"批次当前为“{Labels.Of(State)}”，已提交银行的批次不能修改，只能逐笔冲销");
        }
        Version++;
        return Result.Ok;
    }

    public const int MaxTitleLength = 60;
}

/// <summary>The funded project under way (项目落实): recorded by the town per household, with a photo.</summary>
public sealed class ProjectStart
{
    private ProjectStart() { }

    public ProjectStart(Household household, DateOnly startedOn, string note, (string StoredName, string ContentType)? photo, Actor who, DateTimeOffset at)
    {
        HouseholdId = household.Id;
        ProgrammeId = household.ProgrammeId;
        DistrictCode = household.DistrictCode;
        TownCode = household.TownCode;
        VillageCode = household.VillageCode;
        StartedOn = startedOn;
        Note = note;
        PhotoStoredName = photo?.StoredName;
        PhotoContentType = photo?.ContentType;
        RecordedAt = at;
        RecordedBy = who.UserId;
        RecordedByName = who.Name;
    }

    public Guid HouseholdId { get; private set; }
    public int ProgrammeId { get; private set; }
    public string DistrictCode { get; private set; } = "";
    public string TownCode { get; private set; } = "";
    public string VillageCode { get; private set; } = "";
    public DateOnly StartedOn { get; private set; }
    public string Note { get; private set; } = "";
    public string? PhotoStoredName { get; private set; }
    public string? PhotoContentType { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
    public string RecordedBy { get; private set; } = "";
    public string RecordedByName { get; private set; } = "";

    /// <summary>The town corrects the record (date, note, and the photo when a new one is given); the previous values stay in the audit log.</summary>
    public void Correct(DateOnly startedOn, string note, (string StoredName, string ContentType)? photo, Actor who, DateTimeOffset at)
    {
        StartedOn = startedOn;
        Note = note;
        if (photo is { } p)
        {
            (PhotoStoredName, PhotoContentType) = p;
        }
        RecordedAt = at;
        RecordedBy = who.UserId;
        RecordedByName = who.Name;
        Version++;
    }

    /// <summary>Raised by every correction, so that two corrections of what one user saw cannot both save.</summary>
    public int Version { get; private set; } = 1;

    public const int MaxNoteLength = 500;
}
