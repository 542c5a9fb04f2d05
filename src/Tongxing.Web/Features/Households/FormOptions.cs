using Microsoft.AspNetCore.Mvc.Rendering;
using Tongxing.Web.Domain;

namespace Tongxing.Web.Features.Households;

/// <summary>The choices of the household form, labelled in Chinese from <see cref="Labels"/>.</summary>
public static class FormOptions
{
    public static IEnumerable<SelectListItem> Genders => Of<Gender>(Labels.Of);
    public static IEnumerable<SelectListItem> Relations => Of<Relation>(Labels.Of);
    public static IEnumerable<SelectListItem> Categories => Of<DisabilityCategory>(Labels.Of);
    public static IEnumerable<SelectListItem> Grades => Enumerable.Range(1, 4).Select(g => new SelectListItem(Labels.Grade(g), g.ToString()));
    public static IEnumerable<SelectListItem> Labour => Of<LabourAbility>(Labels.Of);
    public static IEnumerable<SelectListItem> Poverty => Of<PovertyStatus>(Labels.Of);
    public static IEnumerable<SelectListItem> Projects => Of<ProjectType>(Labels.Of);
    public static IEnumerable<SelectListItem> Statuses => Of<HouseholdStatus>(Labels.Of);
    public static IEnumerable<SelectListItem> Screenings => Of<ScreeningOutcome>(Labels.Of);

    private static IEnumerable<SelectListItem> Of<T>(Func<T, string> label) where T : struct, Enum =>
        Enum.GetValues<T>().Select(v => new SelectListItem(label(v), v.ToString()));
}
