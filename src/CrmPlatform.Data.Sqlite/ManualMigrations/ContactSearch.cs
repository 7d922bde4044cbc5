using CrmPlatform.Core.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CrmPlatform.Data.Sqlite.ManualMigrations;

/// <summary>
/// Substring search over contacts (docs/decisions/0012-contact-search-trigram-indexes-and-bulk-import.md): an FTS5 trigram index of
/// the normalised name, company and email, kept in sync by triggers. EF cannot model virtual tables or triggers, so this
/// migration is written by hand and lives outside <c>Migrations/</c>, which is regenerated; its id sorts after any
/// regenerated <c>Initial</c>.
/// </summary>
/// <remarks>
/// The index is keyed by <c>contact_search_keys.search_id</c> (an INTEGER PRIMARY KEY, stable across VACUUM) rather
/// than by the contacts table's implicit rowid, which VACUUM may renumber. The FTS table is contentless (it stores
/// only the trigram index) with <c>contentless_delete</c>, so rows can be removed when a contact changes.
/// A later migration that rebuilds the contacts table (SQLite's way of altering a column) drops these triggers
/// with the old table and must run <see cref="Up"/>'s trigger statements again.
/// </remarks>
[DbContext(typeof(CrmDbContext))]
[Migration(Id)]
public sealed class ContactSearch : Migration
{
    public const string Id = "29991231000000_ContactSearch";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE contact_search_keys (
                search_id INTEGER PRIMARY KEY,
                contact_id TEXT NOT NULL CONSTRAINT ux_contact_search_keys_contact_id UNIQUE
            );
            """);
        migrationBuilder.Sql("""
            CREATE VIRTUAL TABLE contacts_search USING fts5(
                name, company, email,
                content = '', contentless_delete = 1, tokenize = 'trigram', detail = 'full'
            );
            """);
        foreach (var statement in Backfill)
        {
            migrationBuilder.Sql(statement);
        }
        foreach (var statement in Triggers)
        {
            migrationBuilder.Sql(statement);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var statement in DropTriggers)
        {
            migrationBuilder.Sql(statement);
        }
        migrationBuilder.Sql("DROP TABLE IF EXISTS contacts_search;");
        migrationBuilder.Sql("DROP TABLE IF EXISTS contact_search_keys;");
    }

    /// <summary>Indexes every contact (on an empty index); bulk loaders drop the triggers, load, then run <see cref="Rebuild"/>.</summary>
    public static readonly IReadOnlyList<string> Backfill =
    [
        "INSERT INTO contact_search_keys (contact_id) SELECT id FROM contacts ORDER BY rowid;",
        """
        INSERT INTO contacts_search (rowid, name, company, email)
        SELECT k.search_id, c.normalized_name, c.normalized_company, c.email_id
        FROM contacts c JOIN contact_search_keys k ON k.contact_id = c.id;
        """,
    ];

    public static readonly IReadOnlyList<string> DropTriggers =
    [
        "DROP TRIGGER IF EXISTS contacts_search_insert;",
        "DROP TRIGGER IF EXISTS contacts_search_update;",
        "DROP TRIGGER IF EXISTS contacts_search_delete;",
    ];

    /// <summary>Empties the index, indexes every contact again and (re)creates the triggers.</summary>
    public static IReadOnlyList<string> Rebuild =>
    [
        .. DropTriggers,
        "DELETE FROM contact_search_keys;",
        "INSERT INTO contacts_search (contacts_search) VALUES ('delete-all');",
        .. Backfill,
        .. Triggers,
    ];

    /// <summary>The triggers that keep <c>contacts_search</c> in step with <c>contacts</c>.</summary>
    public static readonly IReadOnlyList<string> Triggers =
    [
        """
        CREATE TRIGGER contacts_search_insert AFTER INSERT ON contacts BEGIN
            INSERT INTO contact_search_keys (contact_id) VALUES (new.id);
            INSERT INTO contacts_search (rowid, name, company, email)
            VALUES (last_insert_rowid(), new.normalized_name, new.normalized_company, new.email_id);
        END;
        """,
        """
        CREATE TRIGGER contacts_search_update AFTER UPDATE OF normalized_name, normalized_company, email_id ON contacts
        WHEN old.normalized_name IS NOT new.normalized_name OR old.normalized_company IS NOT new.normalized_company OR old.email_id IS NOT new.email_id
        BEGIN
            DELETE FROM contacts_search WHERE rowid = (SELECT search_id FROM contact_search_keys WHERE contact_id = old.id);
            INSERT INTO contacts_search (rowid, name, company, email)
            SELECT search_id, new.normalized_name, new.normalized_company, new.email_id FROM contact_search_keys WHERE contact_id = new.id;
        END;
        """,
        """
        CREATE TRIGGER contacts_search_delete AFTER DELETE ON contacts BEGIN
            DELETE FROM contacts_search WHERE rowid = (SELECT search_id FROM contact_search_keys WHERE contact_id = old.id);
            DELETE FROM contact_search_keys WHERE contact_id = old.id;
        END;
        """,
    ];
}
