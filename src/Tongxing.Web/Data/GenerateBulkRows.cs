using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Tongxing.Web.Data;

/// <summary>
/// Writes entities straight into their table, bypassing the change tracker, in the current transaction: PostgreSQL by
/// binary COPY, SQLite by one prepared multi-row INSERT reused for every chunk. Tables, columns and value conversions
/// come from the EF model, so each provider stores exactly what EF would. For bulk data only (the province generator):
/// nothing is audited and no rule runs here — the entities were made through the model before.
/// </summary>
internal static class GenerateBulkRows
{
    /// <summary>A table's insertable columns as the model maps them: every mapped property but store-generated keys and computed columns.</summary>
    public sealed record Table(string Name, string? Schema, IReadOnlyList<(IProperty Property, string Column, RelationalTypeMapping Mapping)> Columns);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(IModel, Type), Table> Tables = new();

    public static Table TableOf(TongxingDb db, Type clrType) => Tables.GetOrAdd((db.Model, clrType), key => Map(key.Item1, key.Item2));

    private static Table Map(IModel model, Type clrType)
    {
        var type = model.FindEntityType(clrType) ?? throw new InvalidOperationException($"{clrType.Name} is not in the model");
        var store = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var columns = type.GetProperties()
            .Where(p => !(p.IsPrimaryKey() && p.ValueGenerated != ValueGenerated.Never) && p.GetComputedColumnSql() is null)
            .Select(p => (Property: p, Column: p.GetColumnName(store)!, Mapping: (RelationalTypeMapping)p.GetTypeMapping()))
            .Where(c => c.Column is not null)
            .ToList();
        if (columns.Where(c => c.Property.IsShadowProperty()).Select(c => c.Property.Name).FirstOrDefault() is { } shadow)
        {
            throw new InvalidOperationException($"{clrType.Name}.{shadow} is a shadow property; bulk rows are read from the entity's own properties");
        }
        return new Table(store.Name, store.Schema, columns);
    }

    /// <summary>The INSERT's head, with the columns as the model names them; shared by every multi-row insert built from the model.</summary>
    public static string InsertHead(TongxingDb db, Table table)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        return $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", table.Columns.Select(c => sql.DelimitIdentifier(c.Column)))}) VALUES ";
    }

    /// <summary>Writes <paramref name="rows"/> (streamed, never held) in the open transaction; returns how many.</summary>
    public static async Task<long> WriteAsync<T>(TongxingDb db, IEnumerable<T> rows, CancellationToken ct) where T : class
    {
        var table = TableOf(db, typeof(T));
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("bulk rows are written inside a transaction");
        return db.Database.GetDbConnection() is NpgsqlConnection pg
            ? await CopyAsync(pg, db, table, rows, ct)
            : await InsertAsync(db.Database.GetDbConnection(), transaction, db, table, rows, ct);
    }

    private static async Task<long> CopyAsync<T>(NpgsqlConnection connection, TongxingDb db, Table table, IEnumerable<T> rows, CancellationToken ct) where T : class
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var types = table.Columns.Select(c => c.Mapping.StoreTypeNameBase).ToArray();
        var converters = table.Columns.Select(c => c.Property.GetValueConverter() ?? c.Mapping.Converter).ToArray();
        var getters = table.Columns.Select(c => c.Property.GetGetter()).ToArray();
        await using var writer = await connection.BeginBinaryImportAsync(
            $"COPY {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", table.Columns.Select(c => sql.DelimitIdentifier(c.Column)))}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(ct);
            for (var i = 0; i < getters.Length; i++)
            {
                var value = getters[i].GetClrValue(row);
                if (value is not null && converters[i] is { } converter)
                {
                    value = converter.ConvertToProvider(value);
                }
                if (value is null)
                {
                    await writer.WriteNullAsync(ct);
                }
                else
                {
                    await writer.WriteAsync(value, types[i], ct);
                }
            }
        }
        return (long)await writer.CompleteAsync(ct);
    }

    /// <summary>
    /// Rows per statement, by the table's width: SQLite binds each parameter by a name looked up among all of the
    /// statement's, so a statement of 200 rows × 40 columns spent its time binding (3,000 rows/s measured); statements of
    /// about 64 parameters keep that cost small and the rows per step high.
    /// </summary>
    private static int RowsPerStatement(Table table) => Math.Max(1, 64 / table.Columns.Count);

    private static async Task<long> InsertAsync<T>(DbConnection connection, DbTransaction transaction, TongxingDb db, Table table, IEnumerable<T> rows, CancellationToken ct) where T : class
    {
        var head = InsertHead(db, table);
        var getters = table.Columns.Select(c => c.Property.GetGetter()).ToArray();
        DbCommand? full = null;
        long written = 0;
        try
        {
            var size = RowsPerStatement(table);
            foreach (var chunk in rows.Chunk(size))
            {
                // Full chunks reuse one command, so its statement is prepared once; the last, shorter chunk gets its own.
                var command = chunk.Length == size ? full ??= Command(connection, transaction, head, table, size) : Command(connection, transaction, head, table, chunk.Length);
                command.Parameters.Clear();
                for (var row = 0; row < chunk.Length; row++)
                {
                    for (var col = 0; col < getters.Length; col++)
                    {
                        var (property, _, mapping) = table.Columns[col];
                        command.Parameters.Add(mapping.CreateParameter(command, $"@p{row}_{col}", getters[col].GetClrValue(chunk[row]), property.IsNullable));
                    }
                }
                written += await command.ExecuteNonQueryAsync(ct);
                if (!ReferenceEquals(command, full))
                {
                    await command.DisposeAsync();
                }
            }
        }
        finally
        {
            if (full is not null)
            {
                await full.DisposeAsync();
            }
        }
        return written;
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string head, Table table, int rows)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var text = new System.Text.StringBuilder(head);
        for (var row = 0; row < rows; row++)
        {
            text.Append(row == 0 ? "(" : ", (");
            for (var col = 0; col < table.Columns.Count; col++)
            {
                text.Append(col == 0 ? "" : ", ").Append("@p").Append(row).Append('_').Append(col);
            }
            text.Append(')');
        }
        command.CommandText = text.ToString();
        return command;
    }
}
