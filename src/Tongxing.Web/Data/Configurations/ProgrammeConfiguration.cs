using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tongxing.Web.Domain;

namespace Tongxing.Web.Data.Configurations;

internal sealed class ProgrammeConfiguration : IEntityTypeConfiguration<Programme>
{
    public void Configure(EntityTypeBuilder<Programme> b)
    {
        b.HasKey(p => p.Id);
        b.Property(p => p.DistrictCode).HasMaxLength(12);
        b.Property(p => p.Name).HasMaxLength(100);
        b.HasIndex(p => new { p.DistrictCode, p.Year }).IsUnique();
        // Renewed by every save that touches the programme, so that a node's kept copy can be checked in one statement (ADR 0033).
        b.Property<long>(ProgrammeCache.Stamp);
        b.OwnsMany(p => p.TownQuotas, q =>
        {
            q.ToTable("ProgrammeTownQuotas");
            q.WithOwner().HasForeignKey("ProgrammeId");
            q.HasKey("ProgrammeId", nameof(TownQuota.TownCode));
            q.Property(x => x.TownCode).HasMaxLength(12);
        });
        b.OwnsMany(p => p.FundShares, s =>
        {
            s.ToTable("ProgrammeFundShares");
            s.WithOwner().HasForeignKey("ProgrammeId");
            s.HasKey("ProgrammeId", nameof(FundShare.Source));
            s.Property(x => x.Note).HasMaxLength(200);
        });
        b.OwnsMany(p => p.Phases, s =>
        {
            s.ToTable("ProgrammePhases");
            s.WithOwner().HasForeignKey("ProgrammeId");
            s.HasKey("ProgrammeId", nameof(PhaseWindow.Phase));
            s.Property(x => x.DeadlineWhat).HasMaxLength(200);
        });
        b.Navigation(p => p.TownQuotas).HasField("_townQuotas");
        b.Navigation(p => p.FundShares).HasField("_fundShares");
        b.Navigation(p => p.Phases).HasField("_phases");
    }
}
