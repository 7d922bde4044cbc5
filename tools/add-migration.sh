#!/usr/bin/env bash
# Adds a migration for both providers: tools/add-migration.sh Name
set -euo pipefail
name=${1:?usage: tools/add-migration.sh MigrationName}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
dotnet build src/CrmPlatform.Web -v q -nologo
CRM_EF_PROVIDER=Sqlite dotnet ef migrations add "$name" --no-build -p src/CrmPlatform.Data.Sqlite -s src/CrmPlatform.Web -o Migrations
CRM_EF_PROVIDER=PostgreSql dotnet ef migrations add "$name" --no-build -p src/CrmPlatform.Data.PostgreSql -s src/CrmPlatform.Web -o Migrations
