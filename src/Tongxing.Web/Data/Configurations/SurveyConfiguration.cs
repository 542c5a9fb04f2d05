using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tongxing.Web.Domain;

namespace Tongxing.Web.Data.Configurations;

internal sealed class SurveySubmissionConfiguration : IEntityTypeConfiguration<SurveySubmission>
{
    public void Configure(EntityTypeBuilder<SurveySubmission> b)
    {
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.TownCode).HasMaxLength(12);
        b.Property(s => s.UserId).HasMaxLength(450);
        b.Property(s => s.UserName).HasMaxLength(50);
        b.HasIndex(s => new { s.ProgrammeId, s.TownCode });
        b.HasOne<Programme>().WithMany().HasForeignKey(s => s.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ImportUploadConfiguration : IEntityTypeConfiguration<ImportUpload>
{
    public void Configure(EntityTypeBuilder<ImportUpload> b)
    {
        b.HasKey(u => u.Id);
        b.Property(u => u.UserId).HasMaxLength(450);
        b.Property(u => u.FileName).HasMaxLength(200);
        b.Property(u => u.Phase).HasMaxLength(20);
        b.Property(u => u.ClaimedBy).HasMaxLength(100);
        // Confirming a checked file flips it once (parallel confirms of one job queue it once).
        b.Property(u => u.Commit).IsConcurrencyToken();
        b.HasIndex(u => u.UserId);
        // Workers look for the oldest queued job.
        b.HasIndex(u => new { u.Status, u.UploadedAt });
    }
}

internal sealed class HolidayDayConfiguration : IEntityTypeConfiguration<HolidayDay>
{
    public void Configure(EntityTypeBuilder<HolidayDay> b)
    {
        b.HasKey(d => d.Date);
        b.Property(d => d.Name).HasMaxLength(20);
        b.HasIndex(d => d.TableYear);
    }
}

internal sealed class HolidayYearConfiguration : IEntityTypeConfiguration<HolidayYear>
{
    public void Configure(EntityTypeBuilder<HolidayYear> b)
    {
        b.HasKey(y => y.Year);
        b.Property(y => y.Year).ValueGeneratedNever();
        b.Property(y => y.LoadedBy).HasMaxLength(50);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.HasKey(a => a.Id);
        b.HasIndex(a => a.Seq).IsUnique();
        b.HasIndex(a => a.Subject);
        // The audit page filters by date and by user over a log of millions of entries.
        b.HasIndex(a => a.At);
        b.HasIndex(a => a.UserId);
        b.Property(a => a.UserId).HasMaxLength(450);
        b.Property(a => a.UserName).HasMaxLength(50);
        b.Property(a => a.Address).HasMaxLength(64);
        b.Property(a => a.Action).HasMaxLength(30);
        b.Property(a => a.Entity).HasMaxLength(60);
        b.Property(a => a.EntityId).HasMaxLength(200);
        b.Property(a => a.Subject).HasMaxLength(200);
        b.Property(a => a.PreviousHash).HasMaxLength(64);
        b.Property(a => a.Hash).HasMaxLength(64);
    }
}
