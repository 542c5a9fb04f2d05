using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tongxing.Web.Domain;

namespace Tongxing.Web.Data.Configurations;

internal sealed class FundEntryConfiguration : IEntityTypeConfiguration<FundEntry>
{
    public void Configure(EntityTypeBuilder<FundEntry> b)
    {
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.DistrictCode).HasMaxLength(12);
        b.Property(e => e.TownCode).HasMaxLength(12);
        b.Property(e => e.VillageCode).HasMaxLength(12);
        b.Property(e => e.DocumentNumber).HasMaxLength(FundEntry.MaxDocumentNumberLength);
        b.Property(e => e.PayingOffice).HasMaxLength(FundEntry.MaxPayingOfficeLength);
        b.Property(e => e.Note).HasMaxLength(FundEntry.MaxNoteLength);
        b.Property(e => e.VoucherStoredName).HasMaxLength(40);
        b.Property(e => e.VoucherContentType).HasMaxLength(40);
        b.Property(e => e.VoucherOriginalName).HasMaxLength(200);
        b.Property(e => e.RecordedBy).HasMaxLength(450);
        b.Property(e => e.RecordedByName).HasMaxLength(50);
        b.Ignore(e => e.IsReversal);
        b.Ignore(e => e.Amount);
        b.HasOne<Programme>().WithMany().HasForeignKey(e => e.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
        // A line is reversed at most once: the database refuses a second reversal, whichever request comes second.
        b.HasIndex(e => e.ReversesId).IsUnique();
        // Balances per source and per town are sums over these (reconciliation, allocation checks).
        b.HasIndex(e => new { e.ProgrammeId, e.DistrictCode, e.Kind, e.Source, e.Fen });
        b.HasIndex(e => new { e.ProgrammeId, e.TownCode, e.Kind, e.Source, e.Fen });
        b.HasIndex(e => new { e.HouseholdId, e.Kind });
        b.HasIndex(e => e.PaymentId);
        b.HasIndex(e => new { e.DistrictCode, e.RecordedAt });
    }
}

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> b)
    {
        b.HasKey(p => p.Id);
        b.Property(p => p.Id).ValueGeneratedNever();
        foreach (var code in new[] { nameof(Payment.RegionCode), nameof(Payment.CityCode), nameof(Payment.DistrictCode), nameof(Payment.TownCode), nameof(Payment.VillageCode) })
        {
            b.Property<string>(code).HasMaxLength(12);
        }
        b.Property(p => p.PayeeName).HasMaxLength(BankAccount.MaxNameLength);
        b.Property(p => p.PayeeIdNumber).HasMaxLength(18);
        b.Property(p => p.AccountNumber).HasMaxLength(BankAccount.MaxDigits);
        b.Property(p => p.BankName).HasMaxLength(BankAccount.MaxBankLength);
        b.Property(p => p.BankReference).HasMaxLength(Payment.MaxReferenceLength);
        b.Property(p => p.FailureReason).HasMaxLength(Payment.MaxReasonLength);
        b.Property(p => p.ReversalReason).HasMaxLength(Payment.MaxReasonLength);
        b.Property(p => p.CreatedBy).HasMaxLength(450);
        b.Property(p => p.ReceiptStoredName).HasMaxLength(40);
        b.Property(p => p.ReceiptContentType).HasMaxLength(40);
        b.Property(p => p.ProxyName).HasMaxLength(30);
        b.Property(p => p.ProxyRelation).HasMaxLength(20);
        b.Property(p => p.ProxyReason).HasMaxLength(Payment.MaxReasonLength);
        b.Property(p => p.ReceiptRecordedBy).HasMaxLength(450);
        b.Property(p => p.ReceiptRecordedByName).HasMaxLength(50);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.Ignore(p => p.Parts);
        b.Ignore(p => p.Amount);
        b.Ignore(p => p.IsLive);
        b.Ignore(p => p.HasReceipt);
        b.HasOne<Programme>().WithMany().HasForeignKey(p => p.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Household>().WithMany().HasForeignKey(p => p.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PaymentBatch>().WithMany().HasForeignKey(p => p.BatchId).OnDelete(DeleteBehavior.Restrict);
        // A household is paid at most once per programme (a household belongs to one programme): one live payment,
        // held by the database whatever the pages and the API check first.
        b.HasIndex(p => p.LiveHouseholdId).IsUnique();
        b.HasIndex(p => new { p.BatchId, p.Line });
        b.HasIndex(p => new { p.HouseholdId, p.State });
        b.HasIndex(p => new { p.ProgrammeId, p.TownCode, p.State });
        b.HasIndex(p => new { p.ProgrammeId, p.DistrictCode, p.State });
        b.HasIndex(p => new { p.ProgrammeId, p.VillageCode, p.State });
    }
}

internal sealed class PaymentBatchConfiguration : IEntityTypeConfiguration<PaymentBatch>
{
    public void Configure(EntityTypeBuilder<PaymentBatch> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        foreach (var code in new[] { nameof(PaymentBatch.RegionCode), nameof(PaymentBatch.CityCode), nameof(PaymentBatch.DistrictCode), nameof(PaymentBatch.TownCode) })
        {
            b.Property<string>(code).HasMaxLength(12);
        }
        b.Property(x => x.Title).HasMaxLength(PaymentBatch.MaxTitleLength);
        b.Property(x => x.CreatedBy).HasMaxLength(450);
        b.Property(x => x.CreatedByName).HasMaxLength(50);
        b.Property(x => x.SentByName).HasMaxLength(50);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.ControlSum);
        b.HasOne<Programme>().WithMany().HasForeignKey(x => x.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
        // Batch numbers count per town and programme; two batches created at once cannot take the same number.
        b.HasIndex(x => new { x.ProgrammeId, x.TownCode, x.Number }).IsUnique();
        b.HasIndex(x => new { x.DistrictCode, x.State });
    }
}

internal sealed class ProjectStartConfiguration : IEntityTypeConfiguration<ProjectStart>
{
    public void Configure(EntityTypeBuilder<ProjectStart> b)
    {
        b.HasKey(x => x.HouseholdId);
        b.Property(x => x.DistrictCode).HasMaxLength(12);
        b.Property(x => x.TownCode).HasMaxLength(12);
        b.Property(x => x.VillageCode).HasMaxLength(12);
        b.Property(x => x.Note).HasMaxLength(ProjectStart.MaxNoteLength);
        b.Property(x => x.PhotoStoredName).HasMaxLength(40);
        b.Property(x => x.PhotoContentType).HasMaxLength(40);
        b.Property(x => x.RecordedBy).HasMaxLength(450);
        b.Property(x => x.RecordedByName).HasMaxLength(50);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<Household>().WithOne().HasForeignKey<ProjectStart>(x => x.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.ProgrammeId, x.TownCode });
    }
}
