using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tongxing.Web.Domain;

namespace Tongxing.Web.Data.Configurations;

internal sealed class TownReportConfiguration : IEntityTypeConfiguration<TownReport>
{
    public void Configure(EntityTypeBuilder<TownReport> b)
    {
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedNever();
        AreaColumns.Configure(b);
        b.Property(r => r.Text).HasMaxLength(TownReport.MaxTextLength);
        b.Property(r => r.Rules).HasMaxLength(TownReport.MaxRulesLength);
        b.Property(r => r.ReturnReason).HasMaxLength(TownReport.MaxReasonLength);
        b.Property(r => r.SubmittedBy).HasMaxLength(450);
        b.Property(r => r.SubmittedByName).HasMaxLength(50);
        b.Property(r => r.DecidedBy).HasMaxLength(450);
        b.Property(r => r.DecidedByName).HasMaxLength(50);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.Ignore(r => r.IsQuarterly);
        b.Ignore(r => r.LockedReason);
        b.HasOne<Programme>().WithMany().HasForeignKey(r => r.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
        // One report of a kind per town and programme: two officials preparing it at once meet on this index.
        b.HasIndex(r => new { r.ProgrammeId, r.TownCode, r.Kind }).IsUnique();
        b.HasIndex(r => new { r.ProgrammeId, r.DistrictCode, r.Kind, r.State });
    }
}

internal sealed class OversightFileConfiguration : IEntityTypeConfiguration<OversightFile>
{
    public void Configure(EntityTypeBuilder<OversightFile> b)
    {
        b.HasKey(f => f.Id);
        b.Property(f => f.Id).ValueGeneratedNever();
        b.Property(f => f.StoredName).HasMaxLength(40);
        b.Property(f => f.ContentType).HasMaxLength(80);
        b.Property(f => f.FileName).HasMaxLength(OversightFile.MaxFileNameLength);
        b.Property(f => f.UploadedBy).HasMaxLength(450);
        b.HasIndex(f => new { f.OwnerId, f.Seq }).IsUnique();
    }
}

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> b)
    {
        b.HasKey(m => m.Id);
        b.Property(m => m.Id).ValueGeneratedNever();
        AreaColumns.Configure(b);
        b.Property(m => m.Place).HasMaxLength(Meeting.MaxShortLength);
        b.Property(m => m.Departments).HasMaxLength(Meeting.MaxShortLength);
        b.Property(m => m.Attendees).HasMaxLength(Meeting.MaxTextLength);
        b.Property(m => m.Topics).HasMaxLength(Meeting.MaxTextLength);
        b.Property(m => m.Decisions).HasMaxLength(Meeting.MaxTextLength);
        b.Property(m => m.CreatedBy).HasMaxLength(450);
        b.Property(m => m.CreatedByName).HasMaxLength(50);
        b.Property(m => m.Version).IsConcurrencyToken();
        b.HasOne<Programme>().WithMany().HasForeignKey(m => m.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(m => new { m.DistrictCode, m.On });
        b.HasIndex(m => new { m.ProgrammeId, m.On });
    }
}

internal sealed class ActionItemConfiguration : IEntityTypeConfiguration<ActionItem>
{
    public void Configure(EntityTypeBuilder<ActionItem> b)
    {
        b.HasKey(a => a.Id);
        b.Property(a => a.Id).ValueGeneratedNever();
        AreaColumns.Configure(b);
        b.Property(a => a.Text).HasMaxLength(ActionItem.MaxTextLength);
        b.Property(a => a.OwnerUserId).HasMaxLength(450);
        b.Property(a => a.OwnerName).HasMaxLength(50);
        b.Property(a => a.DoneBy).HasMaxLength(450);
        b.Property(a => a.DoneNote).HasMaxLength(ActionItem.MaxNoteLength);
        b.Property(a => a.CreatedBy).HasMaxLength(450);
        b.Property(a => a.Version).IsConcurrencyToken();
        b.HasOne<Programme>().WithMany().HasForeignKey(a => a.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
        // 我的待办 reads an owner's open actions; a meeting or an inspection lists its own.
        b.HasIndex(a => new { a.OwnerUserId, a.State, a.DueOn });
        b.HasIndex(a => new { a.SourceId, a.DueOn });
        b.HasIndex(a => new { a.DistrictCode, a.State, a.DueOn });
    }
}

internal sealed class PublicityItemConfiguration : IEntityTypeConfiguration<PublicityItem>
{
    public void Configure(EntityTypeBuilder<PublicityItem> b)
    {
        b.HasKey(p => p.Id);
        b.Property(p => p.Id).ValueGeneratedNever();
        AreaColumns.Configure(b);
        b.Property(p => p.Title).HasMaxLength(PublicityItem.MaxTitleLength);
        b.Property(p => p.Text).HasMaxLength(PublicityItem.MaxTextLength);
        b.Property(p => p.BranchVillageCode).HasMaxLength(12);
        b.Property(p => p.ReturnReason).HasMaxLength(PublicityItem.MaxReasonLength);
        b.Property(p => p.CreatedBy).HasMaxLength(450);
        b.Property(p => p.CreatedByName).HasMaxLength(50);
        b.Property(p => p.DecidedBy).HasMaxLength(450);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasOne<Programme>().WithMany().HasForeignKey(p => p.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Household>().WithMany().HasForeignKey(p => p.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Helper>().WithMany().HasForeignKey(p => p.HelperId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => new { p.DistrictCode, p.State, p.CreatedAt });
        b.HasIndex(p => new { p.TownCode, p.State, p.CreatedAt });
        b.HasIndex(p => new { p.VillageCode, p.State, p.CreatedAt });
        b.HasIndex(p => p.HouseholdId);
        b.HasIndex(p => p.HelperId);
    }
}

internal sealed class InspectionConfiguration : IEntityTypeConfiguration<Inspection>
{
    public void Configure(EntityTypeBuilder<Inspection> b)
    {
        b.HasKey(i => i.Id);
        b.Property(i => i.Id).ValueGeneratedNever();
        AreaColumns.Configure(b);
        b.Property(i => i.Inspectors).HasMaxLength(Inspection.MaxInspectorsLength);
        b.Property(i => i.Findings).HasMaxLength(Inspection.MaxFindingsLength);
        b.Property(i => i.CreatedBy).HasMaxLength(450);
        b.Property(i => i.ConcludedBy).HasMaxLength(450);
        b.Property(i => i.ConcludedByName).HasMaxLength(50);
        b.Property(i => i.Version).IsConcurrencyToken();
        b.HasOne<Programme>().WithMany().HasForeignKey(i => i.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
        // One inspection per town and programme.
        b.HasIndex(i => new { i.ProgrammeId, i.TownCode }).IsUnique();
        b.HasIndex(i => new { i.DistrictCode, i.State });
    }
}

internal sealed class InspectionCheckConfiguration : IEntityTypeConfiguration<InspectionCheck>
{
    public void Configure(EntityTypeBuilder<InspectionCheck> b)
    {
        b.HasKey(c => new { c.InspectionId, c.Key });
        b.Property(c => c.Key).HasMaxLength(InspectionCheck.MaxKeyLength);
        b.Property(c => c.RecordValue).HasMaxLength(InspectionCheck.MaxValueLength);
        b.Property(c => c.Note).HasMaxLength(InspectionCheck.MaxNoteLength);
        b.HasOne<Inspection>().WithMany().HasForeignKey(c => c.InspectionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InspectionSampleConfiguration : IEntityTypeConfiguration<InspectionSample>
{
    public void Configure(EntityTypeBuilder<InspectionSample> b)
    {
        b.HasKey(s => new { s.InspectionId, s.HouseholdId });
        b.Property(s => s.Finding).HasMaxLength(InspectionSample.MaxFindingLength);
        b.Property(s => s.CheckedBy).HasMaxLength(450);
        b.HasOne<Inspection>().WithMany().HasForeignKey(s => s.InspectionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Household>().WithMany().HasForeignKey(s => s.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => s.HouseholdId);
    }
}
