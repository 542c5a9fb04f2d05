using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;

namespace Tongxing.IntegrationTests;

/// <summary>Test households with fresh, valid synthetic ID numbers.</summary>
public static class Households
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> Issued = new();

    /// <summary>
    /// A valid ID never issued before in this test run: one age gives only ~180,000 numbers, and a test that registers a
    /// few hundred households would otherwise draw the same one now and then (birthday problem) and fail as a duplicate.
    /// </summary>
    public static string NewId(Gender gender, int age = 40)
    {
        while (true)
        {
            var birth = new DateOnly(2020, 4, 2).AddYears(-age).AddDays(-Random.Shared.Next(0, 360));
            var id = DemoData.GenerateId("450204", birth, gender, Random.Shared);
            if (Issued.TryAdd(id, true))
            {
                return id;
            }
        }
    }

    public static HouseholdInput Valid(string village = DemoData.LuomanVillage, string? headName = null, string? headId = null)
    {
        var id = headId ?? NewId(Gender.Male);
        return new HouseholdInput
        {
            VillageCode = village,
            Group = "新屯",
            Size = 2,
            PerCapitaIncome = "4200.50",
            Poverty = PovertyStatus.Registered,
            ProjectType = ProjectType.Livestock,
            ProjectDescription = "养殖土鸡200羽",
            Members =
            [
                new MemberInput { Name = headName ?? "测试户主", Gender = Gender.Male, IdNumber = id, Relation = Relation.Head, CertificateNumber = ResidentId.Parse(id).Value!.Value + "42", LabourAbility = LabourAbility.Strong, Phone = "13877001234" },
                new MemberInput { Name = "测试配偶", Gender = Gender.Female, IdNumber = NewId(Gender.Female, 38), Relation = Relation.Spouse, LabourAbility = LabourAbility.Strong },
            ],
        };
    }
}
