using Npgsql;
using Orders.Silo.Postgres;

namespace Orders.Tests.Persistence;

public sealed class PostgresConnectionTests
{
    [Fact]
    public void A_connection_string_without_a_pool_size_gets_the_small_default()
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresConnection.Tune("Host=db;Username=orders"));

        Assert.Equal(PostgresConnection.DefaultPoolSize, tuned.MaxPoolSize);
        Assert.True(tuned.NoResetOnClose);
    }

    [Theory]
    [InlineData("Host=db;Maximum Pool Size=40")]
    [InlineData("Host=db;MaxPoolSize=40")]
    public void A_pool_size_the_connection_string_names_is_kept(string connectionString)
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresConnection.Tune(connectionString));

        Assert.Equal(40, tuned.MaxPoolSize);
    }
}
