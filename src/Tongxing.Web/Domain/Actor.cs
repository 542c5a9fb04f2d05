namespace Tongxing.Web.Domain;

/// <summary>Who is acting: the user, their office and the area they answer for. Every state change takes one.</summary>
public sealed record Actor(string UserId, string Name, Role Role, AreaScope Scope)
{
    public bool Governs(Household household) => Scope.Covers(household.Area);

    /// <summary>Refuses unless the actor holds the capability and governs the household's area.</summary>
    public Result May(Capability capability, Household household, string deniedMessage)
    {
        if (!Role.Can(capability))
        {
            return Result.NotAllowed(deniedMessage);
        }
        return Governs(household) ? Result.Ok : Result.NotAllowed("该对象不在您的管辖范围内");
    }
}
