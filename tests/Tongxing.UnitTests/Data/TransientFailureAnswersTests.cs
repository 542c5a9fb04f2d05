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

    [Fact]
    public void The_page_offers_the_same_address_again_for_a_read_and_the_way_back_for_a_form()
    {
        var read = TransientFailureAnswers.Page(TransientFailureAnswers.DatabaseMessage, "/Households?Q=\"><script>&Page=2");
        Assert.Contains(TransientFailureAnswers.DatabaseMessage, read, StringComparison.Ordinal);
        Assert.Contains("href=\"/Households?Q=&quot;&gt;&lt;script&gt;&amp;Page=2\"", read, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", read, StringComparison.Ordinal);
        Assert.DoesNotContain("没有保存", read, StringComparison.Ordinal);
        var form = TransientFailureAnswers.Page(TransientFailureAnswers.DatabaseMessage, null);
        Assert.Contains("没有保存", form, StringComparison.Ordinal);
        Assert.DoesNotContain("重新打开本页", form, StringComparison.Ordinal);
    }
}
