using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Tongxing.Web.Data;

/// <summary>
/// Backup and restore of the whole record: the database (SQLite online backup, or pg_dump/pg_restore for PostgreSQL)
/// and the uploaded files. A restore goes into an empty instance only, so nothing is overwritten by mistake.
/// </summary>
public sealed class Backup(TongxingDb db, FileStore files, IConfiguration config)
{
    public const string SqliteFile = "tongxing.db";
    public const string PostgresFile = "tongxing.pgdump";
    public const string UploadsFolder = "uploads";

    public async Task<string> CreateAsync(string folder, CancellationToken ct)
    {
        // A backup never overwrites: a half-replaced folder (new database, old photos) would restore as neither.
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            throw new InvalidOperationException($"备份文件夹“{folder}”不是空的：请指定一个新的文件夹（备份不覆盖已有的文件）。");
        }
        Directory.CreateDirectory(folder);
        if (db.Database.IsSqlite())
        {
            var target = Path.Combine(folder, SqliteFile);
            File.Delete(target);
            await using var source = new SqliteConnection(db.Database.GetConnectionString());
            await source.OpenAsync(ct);
            await using var destination = new SqliteConnection($"Data Source={target};Pooling=False");
            await destination.OpenAsync(ct);
            source.BackupDatabase(destination);
        }
        else
        {
            var cs = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
            await RunAsync(Tool("pg_dump"), ["-Fc", "--no-owner", "-h", cs.Host!, "-p", cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", cs.Username!, "-f", Path.Combine(folder, PostgresFile), cs.Database!], cs.Password, ct);
        }
        CopyFolder(files.Root, Path.Combine(folder, UploadsFolder));
        return folder;
    }

    public async Task RestoreAsync(string folder, CancellationToken ct)
    {
        // Everything is checked before anything is written: a restore that stops halfway leaves an instance that is neither.
        var backupFile = Path.Combine(folder, db.Database.IsSqlite() ? SqliteFile : PostgresFile);
        if (!File.Exists(backupFile))
        {
            throw new InvalidOperationException($"备份文件夹“{folder}”中没有{Path.GetFileName(backupFile)}：请指定 backup 命令生成的文件夹（数据库种类须与本实例相同）。");
        }
        if (Directory.Exists(files.Root) && Directory.EnumerateFileSystemEntries(files.Root).Any())
        {
            throw new InvalidOperationException($"上传文件夹“{files.Root}”不是空的：恢复只能进入一个空的实例（新的数据文件夹，并用 Uploads:Path 指定新的上传文件夹）。");
        }
        if (db.Database.IsSqlite())
        {
            var target = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            if (File.Exists(target) && new FileInfo(target).Length > 0)
            {
                throw new InvalidOperationException($"恢复只能进入一个空的实例：数据库文件“{target}”已存在。");
            }
            File.Copy(Path.Combine(folder, SqliteFile), target);
        }
        else
        {
            var cs = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
            if (await db.Database.CanConnectAsync(ct))
            {
                if ((await db.Database.GetAppliedMigrationsAsync(ct)).Any())
                {
                    throw new InvalidOperationException($"恢复只能进入一个空的数据库：数据库“{cs.Database}”中已有数据表。");
                }
            }
            else
            {
                await using var maintenance = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cs.ConnectionString) { Database = "postgres" }.ConnectionString);
                await maintenance.OpenAsync(ct);
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{cs.Database!.Replace("\"", "", StringComparison.Ordinal)}\" ENCODING 'UTF8'", maintenance);
                await create.ExecuteNonQueryAsync(ct);
            }
            await RunAsync(Tool("pg_restore"), ["--no-owner", "-h", cs.Host!, "-p", cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", cs.Username!, "-d", cs.Database!, Path.Combine(folder, PostgresFile)], cs.Password, ct);
        }
        CopyFolder(Path.Combine(folder, UploadsFolder), files.Root);
    }

    private string Tool(string name)
    {
        var configured = config["Backup:PostgresBin"];
        var candidates = new[] { configured, "/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/15/bin" };
        return candidates.Where(c => !string.IsNullOrEmpty(c)).Select(c => Path.Combine(c!, name)).FirstOrDefault(File.Exists) ?? name;
    }

    private static async Task RunAsync(string tool, string[] args, string? password, CancellationToken ct)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        if (!string.IsNullOrEmpty(password))
        {
            start.Environment["PGPASSWORD"] = password;
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} 未能启动");
        var error = await process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(tool)} 执行失败（退出码 {process.ExitCode}）：{error}");
        }
    }

    private static void CopyFolder(string from, string to)
    {
        if (!Directory.Exists(from))
        {
            return;
        }
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: false);
        }
    }
}
