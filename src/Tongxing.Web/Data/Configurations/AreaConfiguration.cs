using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tongxing.Web.Domain;

namespace Tongxing.Web.Data.Configurations;

internal sealed class AreaConfiguration : IEntityTypeConfiguration<Area>
{
    public void Configure(EntityTypeBuilder<Area> b)
    {
        b.HasKey(a => a.Code);
        b.Property(a => a.Code).HasMaxLength(12);
        b.Property(a => a.Name).HasMaxLength(50);
        b.Property(a => a.ParentCode).HasMaxLength(12);
        b.HasIndex(a => a.ParentCode);
    }
}
