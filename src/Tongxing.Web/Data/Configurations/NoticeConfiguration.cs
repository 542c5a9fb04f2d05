using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tongxing.Web.Domain;

namespace Tongxing.Web.Data.Configurations;

internal sealed class NoticeConfiguration : IEntityTypeConfiguration<Notice>
{
    public void Configure(EntityTypeBuilder<Notice> b)
    {
        b.HasKey(n => n.Id);
        b.Property(n => n.Id).ValueGeneratedNever();
        b.Property(n => n.DistrictCode).HasMaxLength(12);
        b.Property(n => n.TownCode).HasMaxLength(12);
        b.Property(n => n.VillageCode).HasMaxLength(12);
        b.Property(n => n.Title).HasMaxLength(200);
        b.Property(n => n.IssuedBy).HasMaxLength(100);
        b.Property(n => n.PublicToken).HasMaxLength(64);
        b.Property(n => n.CreatedBy).HasMaxLength(450);
        b.Property(n => n.CreatedByName).HasMaxLength(50);
        b.HasIndex(n => n.PublicToken).IsUnique();
        b.HasIndex(n => new { n.ProgrammeId, n.TownCode });
        b.HasIndex(n => n.VillageCode);
        b.HasOne<Programme>().WithMany().HasForeignKey(n => n.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(n => n.Entries).WithOne().HasForeignKey(e => e.NoticeId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(n => n.Photos).WithOne().HasForeignKey(p => p.NoticeId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(n => n.Objections).WithOne().HasForeignKey(o => o.NoticeId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(n => n.Entries).HasField("_entries");
        b.Navigation(n => n.Photos).HasField("_photos");
        b.Navigation(n => n.Objections).HasField("_objections");
    }
}

internal sealed class NoticeEntryConfiguration : IEntityTypeConfiguration<NoticeEntry>
{
    public void Configure(EntityTypeBuilder<NoticeEntry> b)
    {
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.MaskedName).HasMaxLength(30);
        b.Property(e => e.MaskedIdNumber).HasMaxLength(18);
        b.Property(e => e.Group).HasMaxLength(30);
        b.Property(e => e.Project).HasMaxLength(520);
        b.HasIndex(e => e.HouseholdId);
    }
}

internal sealed class NoticePhotoConfiguration : IEntityTypeConfiguration<NoticePhoto>
{
    public void Configure(EntityTypeBuilder<NoticePhoto> b)
    {
        b.HasKey(p => p.Id);
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.StoredName).HasMaxLength(80);
        b.Property(p => p.ContentType).HasMaxLength(40);
        b.Property(p => p.OriginalName).HasMaxLength(200);
        b.Property(p => p.UploadedBy).HasMaxLength(50);
    }
}

internal sealed class ObjectionConfiguration : IEntityTypeConfiguration<Objection>
{
    public void Configure(EntityTypeBuilder<Objection> b)
    {
        b.HasKey(o => o.Id);
        b.Property(o => o.Id).ValueGeneratedNever();
        b.Property(o => o.Content).HasMaxLength(1000);
        b.Property(o => o.RaisedBy).HasMaxLength(100);
        b.Property(o => o.RecordedBy).HasMaxLength(450);
        b.Property(o => o.RecordedByName).HasMaxLength(50);
        b.Property(o => o.Resolution).HasMaxLength(1000);
        b.Property(o => o.ResolvedByName).HasMaxLength(50);
        b.Property(o => o.WithdrawnReason).HasMaxLength(500);
        b.Property(o => o.WithdrawnByName).HasMaxLength(50);
        b.Property(o => o.Version).IsConcurrencyToken();
        b.HasIndex(o => o.HouseholdId);
    }
}
