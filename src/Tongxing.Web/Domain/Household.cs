namespace Tongxing.Web.Domain;

/// <summary>A candidate or supported household: one record from the survey to the year-end inspection.</summary>
public sealed class Household
{
    private readonly List<Member> _members = [];
    private readonly List<HouseholdEvent> _history = [];

    private Household() { }

    internal Household(Guid id, int programmeId, AreaPath area, string? group, string? address, int size, Money income,
        PovertyStatus poverty, ProjectType projectType, string projectDescription, IEnumerable<Member> members)
    {
        Id = id;
        ProgrammeId = programmeId;
        RegionCode = area.RegionCode;
        CityCode = area.CityCode;
        DistrictCode = area.DistrictCode;
        TownCode = area.TownCode;
        VillageCode = area.VillageCode;
        Group = group;
        Address = address;
        Size = size;
        PerCapitaIncome = income;
        Poverty = poverty;
        ProjectType = projectType;
        ProjectDescription = projectDescription;
        Status = HouseholdStatus.Proposed;
        _members.AddRange(members);
        var head = _members.Single(m => m.Relation == Relation.Head);
        HeadName = head.Name;
        HeadIdNumber = head.IdNumber;
    }

    public Guid Id { get; private set; }
    public int ProgrammeId { get; private set; }
    public string RegionCode { get; private set; } = "";
    public string CityCode { get; private set; } = "";
    public string DistrictCode { get; private set; } = "";
    public string TownCode { get; private set; } = "";
    public string VillageCode { get; private set; } = "";
    /// <summary>村民小组 (village group / 屯).</summary>
    public string? Group { get; private set; }
    public string? Address { get; private set; }
    public int Size { get; private set; }
    public Money PerCapitaIncome { get; private set; }
    public PovertyStatus Poverty { get; private set; }
    public ProjectType ProjectType { get; private set; }
    public string ProjectDescription { get; private set; } = "";
    public HouseholdStatus Status { get; private set; }
    // Copied from the head member so lists sort and search without a join.
    public string HeadName { get; private set; } = "";
    public string HeadIdNumber { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    /// <summary>Optimistic concurrency token, bumped on every change.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<Member> Members => _members;
    public IReadOnlyList<HouseholdEvent> History => _history;

    public AreaPath Area => new(RegionCode, CityCode, DistrictCode, TownCode, VillageCode);

    internal void Registered(string userId, string userName, DateTimeOffset at)
    {
        CreatedAt = at;
        CreatedBy = userId;
        Version = 1;
        _history.Add(new HouseholdEvent(Guid.NewGuid(), Id, at, userId, userName, null, HouseholdStatus.Proposed, "登记帮扶对象"));
    }
}

/// <summary>A person of the household.</summary>
public sealed class Member
{
    private Member() { }

    internal Member(Guid id, string name, Gender gender, ResidentId residentId, Relation relation, DisabilityCertificate? certificate,
        DisabilityCategory? category, int? grade, LabourAbility labour, string? phone)
    {
        Id = id;
        Name = name;
        Gender = gender;
        IdNumber = residentId.Value;
        BirthDate = residentId.BirthDate;
        Relation = relation;
        CertificateNumber = certificate?.Value;
        DisabilityCategory = certificate?.Category ?? category;
        DisabilityGrade = certificate?.Grade ?? grade;
        LabourAbility = labour;
        Phone = phone;
    }

    public Guid Id { get; private set; }
    public Guid HouseholdId { get; private set; }
    public string Name { get; private set; } = "";
    public Gender Gender { get; private set; }
    /// <summary>Always the normalised 18-character number, whatever was typed.</summary>
    public string IdNumber { get; private set; } = "";
    public DateOnly BirthDate { get; private set; }
    public Relation Relation { get; private set; }
    public string? CertificateNumber { get; private set; }
    public DisabilityCategory? DisabilityCategory { get; private set; }
    public int? DisabilityGrade { get; private set; }
    public LabourAbility LabourAbility { get; private set; }
    public string? Phone { get; private set; }

    public bool IsDisabled => DisabilityCategory is not null;
}

/// <summary>One dated entry of a household's history: who moved it, from what to what, and why. Never edited.</summary>
public sealed record HouseholdEvent(Guid Id, Guid HouseholdId, DateTimeOffset At, string UserId, string UserName,
    HouseholdStatus? From, HouseholdStatus To, string? Comment);
