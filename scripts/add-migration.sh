#!/usr/bin/env bash
# Adds a migration with the same name for both database providers (SQLite and PostgreSQL).
# Usage: scripts/add-migration.sh <Name>
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh <MigrationName>}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
proj=src/Tongxing.Web/Tongxing.Web.csproj
dotnet ef migrations add "$name" --project "$proj" --context SqliteTongxingDb --output-dir Data/Migrations/Sqlite
dotnet ef migrations add "$name" --project "$proj" --context PostgresTongxingDb --output-dir Data/Migrations/Postgres
echo "added migration $name for Sqlite and Postgres"
