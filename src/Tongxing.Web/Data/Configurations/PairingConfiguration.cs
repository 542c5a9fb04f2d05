using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tongxing.Web.Domain;

namespace Tongxing.Web.Data.Configurations;

internal static class AreaColumns
{
    /// <summary>The five denormalised area codes every scoped record carries (ADR 0003).</summary>
    public static void Configure<T>(EntityTypeBuilder<T> b) where T : class
    {
        foreach (var code in new[] { "RegionCode", "CityCode", "DistrictCode", "TownCode", "VillageCode" })
        {
            b.Property<string>(code).HasMaxLength(12);
        }
    }
}

internal sealed class HelperConfiguration : IEntityTypeConfiguration<Helper>
{
    public void Configure(EntityTypeBuilder<Helper> b)
    {
        b.HasKey(h => h.Id);
        b.Property(h => h.Id).ValueGeneratedNever();
        AreaColumns.Configure(b);
        b.Property(h => h.Name).HasMaxLength(Helper.MaxNameLength);
        b.Property(h => h.Phone).HasMaxLength(20);
        b.Property(h => h.PartyBranch).HasMaxLength(Helper.MaxBranchLength);
        b.Property(h => h.WorkUnit).HasMaxLength(Helper.MaxUnitLength);
        b.Property(h => h.Post).HasMaxLength(Helper.MaxPostLength);
        b.Property(h => h.Skills).HasMaxLength(Helper.MaxSkillsLength);
        b.Property(h => h.UserId).HasMaxLength(450);
        b.Property(h => h.CreatedBy).HasMaxLength(450);
        b.Property(h => h.Version).IsConcurrencyToken();
        b.Ignore(h => h.Area);
        // One helper record per account.
        b.HasIndex(h => h.UserId).IsUnique();
        b.HasIndex(h => new { h.VillageCode, h.Name });
        b.HasIndex(h => new { h.TownCode, h.Name });
        b.HasIndex(h => new { h.DistrictCode, h.Name });
        // One person, one helper record in a district: the register looks a phone up before it adds one.
        b.HasIndex(h => new { h.DistrictCode, h.Phone });
    }
}

internal sealed class PairingConfiguration : IEntityTypeConfiguration<Pairing>
{
    public void Configure(EntityTypeBuilder<Pairing> b)
    {
        b.HasKey(p => p.Id);
        b.Property(p => p.Id).ValueGeneratedNever();
        AreaColumns.Configure(b);
        b.Property(p => p.StartedBy).HasMaxLength(450);
        b.Property(p => p.StartedByName).HasMaxLength(50);
        b.Property(p => p.EndedBy).HasMaxLength(450);
        b.Property(p => p.EndReason).HasMaxLength(Pairing.MaxReasonLength);
        b.Property(p => p.AgreementStoredName).HasMaxLength(40);
        b.Property(p => p.AgreementContentType).HasMaxLength(40);
        b.Property(p => p.AgreementUploadedBy).HasMaxLength(450);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.Ignore(p => p.IsActive);
        b.Ignore(p => p.AgreementSigned);
        b.HasOne<Programme>().WithMany().HasForeignKey(p => p.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Household>().WithMany().HasForeignKey(p => p.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Helper>().WithMany().HasForeignKey(p => p.HelperId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => new { p.HouseholdId, p.EndedOn });
        b.HasIndex(p => new { p.HelperId, p.EndedOn });
        b.HasIndex(p => new { p.ProgrammeId, p.TownCode, p.EndedOn });
        b.HasIndex(p => new { p.ProgrammeId, p.DistrictCode, p.EndedOn });
        // A village's live pairings (我的待办: agreements to upload), not only its town's.
        b.HasIndex(p => new { p.ProgrammeId, p.VillageCode, p.EndedOn });
    }
}

internal sealed class SupportLogConfiguration : IEntityTypeConfiguration<SupportLog>
{
    public void Configure(EntityTypeBuilder<SupportLog> b)
    {
        b.HasKey(l => l.Id);
        // The id may be made on the phone that wrote the log: a second send of the same id is the same log (ADR 0027).
        b.Property(l => l.Id).ValueGeneratedNever();
        AreaColumns.Configure(b);
        b.Property(l => l.Content).HasMaxLength(SupportLog.MaxContentLength);
        b.Property(l => l.Goods).HasMaxLength(SupportLog.MaxGoodsLength);
        b.Property(l => l.RecordedBy).HasMaxLength(450);
        b.Property(l => l.RecordedByName).HasMaxLength(50);
        b.HasOne<Household>().WithMany().HasForeignKey(l => l.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Helper>().WithMany().HasForeignKey(l => l.HelperId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(l => new { l.HouseholdId, l.On });
        b.HasIndex(l => new { l.HelperId, l.On });
        b.HasIndex(l => new { l.TownCode, l.On });
        b.HasIndex(l => new { l.DistrictCode, l.On });
    }
}

internal sealed class VisitConfiguration : IEntityTypeConfiguration<Visit>
{
    public void Configure(EntityTypeBuilder<Visit> b)
    {
        b.HasKey(v => v.Id);
        b.Property(v => v.Id).ValueGeneratedNever();
        AreaColumns.Configure(b);
        b.Property(v => v.Visitors).HasMaxLength(Visit.MaxVisitorLength);
        b.Property(v => v.Findings).HasMaxLength(Visit.MaxTextLength);
        b.Property(v => v.RatingComment).HasMaxLength(Visit.MaxTextLength);
        b.Property(v => v.Suggestions).HasMaxLength(Visit.MaxTextLength);
        b.Property(v => v.RecordedBy).HasMaxLength(450);
        b.Property(v => v.RecordedByName).HasMaxLength(50);
        b.HasOne<Household>().WithMany().HasForeignKey(v => v.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(v => new { v.HouseholdId, v.On });
        b.HasIndex(v => new { v.TownCode, v.On });
        b.HasIndex(v => new { v.DistrictCode, v.On });
        b.HasIndex(v => new { v.RecordedBy, v.On });
    }
}

internal sealed class FollowUpPhotoConfiguration : IEntityTypeConfiguration<FollowUpPhoto>
{
    public void Configure(EntityTypeBuilder<FollowUpPhoto> b)
    {
        b.HasKey(p => p.Id);
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.StoredName).HasMaxLength(40);
        b.Property(p => p.ContentType).HasMaxLength(40);
        b.HasIndex(p => new { p.OwnerId, p.Seq }).IsUnique();
    }
}

internal sealed class HouseholdOutcomeConfiguration : IEntityTypeConfiguration<HouseholdOutcome>
{
    public void Configure(EntityTypeBuilder<HouseholdOutcome> b)
    {
        b.HasKey(o => o.HouseholdId);
        b.Property(o => o.HouseholdId).ValueGeneratedNever();
        b.Property(o => o.Skill1).HasMaxLength(HouseholdOutcome.MaxSkillLength);
        b.Property(o => o.Skill2).HasMaxLength(HouseholdOutcome.MaxSkillLength);
        b.Property(o => o.FailureReason).HasMaxLength(HouseholdOutcome.MaxReasonLength);
        b.Property(o => o.UpdatedBy).HasMaxLength(450);
        b.Property(o => o.Version).IsConcurrencyToken();
        b.HasOne<Household>().WithOne().HasForeignKey<HouseholdOutcome>(o => o.HouseholdId).OnDelete(DeleteBehavior.Restrict);
    }
}
