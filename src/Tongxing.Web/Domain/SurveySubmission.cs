namespace Tongxing.Web.Domain;

/// <summary>A town's 附件1 as sent to the district on a date: which households, how many regular and how many reserves.</summary>
public sealed class SurveySubmission
{
    private SurveySubmission() { }

    public SurveySubmission(Guid id, int programmeId, string townCode, DateTimeOffset submittedAt, DateOnly submittedOn, string userId, string userName, int regular, int reserves)
    {
        Id = id;
        ProgrammeId = programmeId;
        TownCode = townCode;
        SubmittedAt = submittedAt;
        SubmittedOn = submittedOn;
        UserId = userId;
        UserName = userName;
        Regular = regular;
        Reserves = reserves;
    }

    public Guid Id { get; private set; }
    public int ProgrammeId { get; private set; }
    public string TownCode { get; private set; } = "";
    public DateTimeOffset SubmittedAt { get; private set; }
    /// <summary>The China-time date the list was sent, compared with the deadline.</summary>
    public DateOnly SubmittedOn { get; private set; }
    public string UserId { get; private set; } = "";
    public string UserName { get; private set; } = "";
    public int Regular { get; private set; }
    public int Reserves { get; private set; }
}
