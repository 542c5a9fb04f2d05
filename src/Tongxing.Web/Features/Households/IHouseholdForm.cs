using Tongxing.Web.Domain;

namespace Tongxing.Web.Features.Households;

/// <summary>What the household form's fields (<c>_HouseholdFields.cshtml</c>) need from the page showing them.</summary>
public interface IHouseholdForm
{
    HouseholdInput Input { get; }
    IReadOnlyList<Area> Villages { get; }
}
