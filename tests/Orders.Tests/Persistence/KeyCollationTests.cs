using Orders.Silo.Postgres;

namespace Orders.Tests.Persistence;

/// <summary>
/// The project's keys are ids, compared byte by byte: an index ordered by the database's locale
/// pays the C library's collation on every comparison and may disagree with the next version of
/// that library. The test server runs under a locale (C.UTF-8), so a key column created without
/// <c>COLLATE "C"</c> shows here. Orleans' own tables are left as Orleans creates them.
/// </summary>
public sealed class KeyCollationTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    private const string TextKeyColumns = """
        SELECT t.relname || '.' || a.attname, coalesce(c.collname, '')
        FROM pg_index AS i
        JOIN pg_class AS t ON t.oid = i.indrelid
        JOIN pg_namespace AS s ON s.oid = t.relnamespace
        CROSS JOIN LATERAL generate_series(0, i.indnkeyatts - 1) AS k(n)
        JOIN pg_attribute AS a ON a.attrelid = t.oid AND a.attnum = i.indkey[k.n]
        LEFT JOIN pg_collation AS c ON c.oid = i.indcollation[k.n]
        WHERE s.nspname = 'public' AND t.relname NOT LIKE 'orleans%' AND a.atttypid = 'text'::regtype
        """;

    [Fact]
    public async Task Every_text_key_of_the_projects_tables_is_compared_byte_by_byte()
    {
        var collations = new List<(string Column, string Collation)>();
        await using (var query = db.Database.Statement(TextKeyColumns))
        await using (var reader = await query.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                collations.Add((reader.GetString(0), reader.GetString(1)));

        Assert.Contains(collations, key => key.Column == "grain_state.grain_id");
        Assert.All(collations, key => Assert.True(key.Collation == "C", $"{key.Column} is compared under {key.Collation}"));
    }
}
