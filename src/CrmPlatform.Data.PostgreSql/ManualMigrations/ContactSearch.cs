using CrmPlatform.Core.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CrmPlatform.Data.PostgreSql.ManualMigrations;

/// <summary>
/// Substring search over contacts (docs/decisions/0012-contact-search-trigram-indexes-and-bulk-import.md): <c>pg_trgm</c> GIN indexes
/// on the normalised name, company and email, so <c>LIKE '%text%'</c> on them is an index scan. Written by hand and kept
/// outside <c>Migrations/</c>, which is regenerated; its id sorts after any regenerated <c>Initial</c>. The indexes are
/// not in the EF model (the model is shared with SQLite), so EF neither creates nor drops them.
/// </summary>
/// <remarks>
/// <c>pg_trgm</c> is a trusted extension (PostgreSQL 13 and later): the owner of the database may create it without
/// being a superuser.
/// </remarks>
[DbContext(typeof(CrmDbContext))]
[Migration(Id)]
public sealed class ContactSearch : Migration
{
    public const string Id = "29991231000000_ContactSearch";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
        foreach (var statement in CreateIndexes)
        {
            migrationBuilder.Sql(statement);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var statement in DropIndexes)
        {
            migrationBuilder.Sql(statement);
        }
    }

    /// <summary>The trigram indexes; bulk loaders may drop them, load, and create them again (faster than maintaining them row by row).</summary>
    public static readonly IReadOnlyList<string> CreateIndexes =
    [
        "CREATE INDEX IF NOT EXISTS ix_contacts_normalized_name_trgm ON contacts USING gin (normalized_name gin_trgm_ops);",
        "CREATE INDEX IF NOT EXISTS ix_contacts_normalized_company_trgm ON contacts USING gin (normalized_company gin_trgm_ops);",
        "CREATE INDEX IF NOT EXISTS ix_contacts_email_id_trgm ON contacts USING gin (email_id gin_trgm_ops);",
    ];

    public static readonly IReadOnlyList<string> DropIndexes =
    [
        "DROP INDEX IF EXISTS ix_contacts_email_id_trgm;",
        "DROP INDEX IF EXISTS ix_contacts_normalized_company_trgm;",
        "DROP INDEX IF EXISTS ix_contacts_normalized_name_trgm;",
    ];
}
