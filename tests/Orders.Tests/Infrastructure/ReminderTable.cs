using Npgsql;

namespace Orders.Tests.Infrastructure;

/// <summary>Reads the reminder table directly: which durable timers a grain still has.</summary>
public static class ReminderTable
{
    public static async Task<long> For(string grainKey)
    {
        await using var database = NpgsqlDataSource.Create(TestDatabase.ConnectionString);
        await using var command = database.CreateCommand("SELECT count(*) FROM reminders WHERE grain_id LIKE '%' || $1");
        command.Parameters.Add(new NpgsqlParameter { Value = grainKey });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>When a grain's one durable timer was last registered to start.</summary>
    public static async Task<DateTimeOffset> StartOf(string grainKey)
    {
        await using var database = NpgsqlDataSource.Create(TestDatabase.ConnectionString);
        await using var command = database.CreateCommand("SELECT start_at FROM reminders WHERE grain_id LIKE '%' || $1");
        command.Parameters.Add(new NpgsqlParameter { Value = grainKey });
        return new DateTimeOffset((DateTime)(await command.ExecuteScalarAsync())!, TimeSpan.Zero);
    }
}
