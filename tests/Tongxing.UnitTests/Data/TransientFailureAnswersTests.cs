using Tongxing.Web.Data;

namespace Tongxing.UnitTests.Data;

public sealed class TransientFailureAnswersTests
{
    [Fact]
    public void A_database_shutting_down_or_a_full_uploads_disk_is_retryable_and_any_other_error_is_not()
    {
        var shuttingDown = new Npgsql.PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01");
        Assert.Equal(TransientFailureAnswers.DatabaseMessage, TransientFailureAnswers.Retryable(new InvalidOperationException("wrapped", shuttingDown)));
        Assert.Contains("未能保存", TransientFailureAnswers.Retryable(new UploadNotStoredException(new IOException("No space left on device"))));
        Assert.Equal(TransientFailureAnswers.DatabaseMessage, TransientFailureAnswers.Retryable(new TimeoutException()));
        Assert.Null(TransientFailureAnswers.Retryable(new Npgsql.PostgresException("duplicate key", "ERROR", "ERROR", "23505")));
        Assert.Null(TransientFailureAnswers.Retryable(new InvalidOperationException("a bug")));
        Assert.Null(TransientFailureAnswers.Retryable(new IOException("some other file")));
    }
}
