using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tongxing.Web.Domain;

namespace Tongxing.Web.Data.Configurations;

internal sealed class HouseholdConfiguration : IEntityTypeConfiguration<Household>
{
    public void Configure(EntityTypeBuilder<Household> b)
    {
        b.HasKey(h => h.Id);
        b.Property(h => h.Id).ValueGeneratedNever();
        foreach (var code in new[] { nameof(Household.RegionCode), nameof(Household.CityCode), nameof(Household.DistrictCode), nameof(Household.TownCode), nameof(Household.VillageCode) })
        {
            b.Property<string>(code).HasMaxLength(12);
        }
        b.Property(h => h.Group).HasMaxLength(30);
        b.Property(h => h.HelperToBe).HasMaxLength(50);
        b.Property(h => h.Remarks).HasMaxLength(500);
        b.Property(h => h.ScreeningSummary).HasMaxLength(1000);
        b.Property(h => h.ReturnReason).HasMaxLength(500);
        b.HasIndex(h => new { h.ProgrammeId, h.TownCode, h.Screening });
        b.HasIndex(h => h.SubmissionId);
        b.HasIndex(h => h.NoticeId);
        b.Property(h => h.Address).HasMaxLength(100);
        b.Property(h => h.ProjectDescription).HasMaxLength(500);
        b.Property(h => h.HeadName).HasMaxLength(30);
        b.Property(h => h.HeadIdNumber).HasMaxLength(18);
        b.Property(h => h.CreatedBy).HasMaxLength(450);
        b.Property(h => h.Version).IsConcurrencyToken();
        b.Property(h => h.BankAccountName).HasMaxLength(BankAccount.MaxNameLength);
        b.Property(h => h.BankAccountNumber).HasMaxLength(BankAccount.MaxDigits);
        b.Property(h => h.BankName).HasMaxLength(BankAccount.MaxBankLength);
        b.Ignore(h => h.Area);
        b.HasOne<Programme>().WithMany().HasForeignKey(h => h.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(h => h.Members).WithOne().HasForeignKey(m => m.HouseholdId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(h => h.History).WithOne().HasForeignKey(e => e.HouseholdId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(h => h.Members).HasField("_members");
        b.Navigation(h => h.History).HasField("_history");

        // Lists filter by the viewer's area column and sort by village and head name: these serve both from the index
        // (bench/list.sh measured a full scan without them at 100,000 households).
        b.HasIndex(h => new { h.ProgrammeId, h.DistrictCode, h.Status });
        // The dashboard above district level counts per programme and status (docs/performance.md, round 4).
        b.HasIndex(h => new { h.ProgrammeId, h.Status });
        b.HasIndex(h => new { h.ProgrammeId, h.TownCode, h.Status });
        b.HasIndex(h => new { h.ProgrammeId, h.VillageCode, h.Status });
        // The lists' order (village, head's name) under each scope, with the search keys so that a search reads only
        // the index (SearchKeys is at most 20 × (30-character name + ID) ≈ 2.2 KB, under PostgreSQL's 2.7 KB entry limit).
        b.HasIndex(h => new { h.DistrictCode, h.VillageCode, h.HeadName, h.SearchKeys });
        b.HasIndex(h => new { h.TownCode, h.VillageCode, h.HeadName, h.SearchKeys });
        b.HasIndex(h => new { h.VillageCode, h.HeadName, h.SearchKeys });
        b.HasIndex(h => new { h.CityCode });
        // The return-visit lists (ADR 0027): paired households of an area whose visit interval counts from before a day,
        // with the programme and the code the counts group by, so the per-area counts are read from the index alone.
        b.HasIndex(h => new { h.DistrictCode, h.VisitsFrom, h.ProgrammeId, h.TownCode });
        b.HasIndex(h => new { h.TownCode, h.VisitsFrom, h.ProgrammeId, h.VillageCode });
        b.HasIndex(h => new { h.VillageCode, h.VisitsFrom, h.ProgrammeId });
        // The per-area counts of one programme at district and town level, grouped by the code one level down: read in the
        // group's order from the index alone (with only the ones above, SQLite read the programme's households in town order
        // from the status index and fetched each row: 0.35 of the same count without the programme at 1,000,000 households).
        b.HasIndex(h => new { h.ProgrammeId, h.DistrictCode, h.TownCode, h.VisitsFrom });
        b.HasIndex(h => new { h.ProgrammeId, h.TownCode, h.VillageCode, h.VisitsFrom });
        b.HasIndex(h => new { h.CityCode, h.VisitsFrom, h.ProgrammeId, h.DistrictCode });
        b.HasIndex(h => new { h.RegionCode, h.VisitsFrom, h.ProgrammeId, h.CityCode });
        b.HasIndex(h => new { h.RegionCode });
        b.HasIndex(h => h.HeadName);
    }
}

internal sealed class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> b)
    {
        b.HasKey(m => m.Id);
        b.Property(m => m.Id).ValueGeneratedNever();
        b.Property(m => m.Name).HasMaxLength(30);
        b.Property(m => m.IdNumber).HasMaxLength(18);
        b.Property(m => m.IdNumberReversed).HasMaxLength(18);
        b.HasIndex(m => m.IdNumberReversed);
        b.Property(m => m.CertificateNumber).HasMaxLength(22);
        b.Property(m => m.Phone).HasMaxLength(20);
        b.HasIndex(m => m.IdNumber);
        // One person, one candidacy per programme (SPEC §3): the database holds the rule even when two offices race.
        b.HasIndex(m => new { m.ProgrammeId, m.IdNumber }).IsUnique();
    }
}

internal sealed class HouseholdEventConfiguration : IEntityTypeConfiguration<HouseholdEvent>
{
    public void Configure(EntityTypeBuilder<HouseholdEvent> b)
    {
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.UserId).HasMaxLength(450);
        b.Property(e => e.UserName).HasMaxLength(50);
        b.Property(e => e.Comment).HasMaxLength(500);
        b.HasIndex(e => new { e.HouseholdId, e.At });
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> b)
    {
        b.HasKey(t => t.Id);
        b.Property(t => t.Name).HasMaxLength(50);
        b.Property(t => t.Prefix).HasMaxLength(12);
        b.Property(t => t.Hash).HasMaxLength(64);
        b.HasIndex(t => t.Hash).IsUnique();
        b.HasIndex(t => t.UserId);
        b.HasOne<AppUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(50);
        b.Property(u => u.AreaCode).HasMaxLength(12);
    }
}
