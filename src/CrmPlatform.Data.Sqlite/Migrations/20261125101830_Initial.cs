using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmPlatform.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_log",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    entity_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    entity_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    changes = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_log", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "contact_categories",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    normalized_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    is_active = table.Column<bool>(type: "INTEGER", nullable: false, defaultValue: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contact_categories", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "data_protection_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    friendly_name = table.Column<string>(type: "TEXT", nullable: true),
                    xml = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_protection_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "features",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    is_enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_features", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    payload = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    next_attempt_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    processed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    error = table.Column<string>(type: "TEXT", nullable: true),
                    locked_until = table.Column<DateTime>(type: "TEXT", nullable: true),
                    locked_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    failed = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "role_permissions",
                columns: table => new
                {
                    role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    permission = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_role_permissions", x => new { x.role, x.permission });
                    table.CheckConstraint("ck_role_permissions_role", "role IN ('admin', 'internal_staff', 'partner', 'lead')");
                });

            migrationBuilder.CreateTable(
                name: "site_settings",
                columns: table => new
                {
                    key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    value = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_site_settings", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "users",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    first_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    last_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    is_active = table.Column<bool>(type: "INTEGER", nullable: false, defaultValue: true),
                    company = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    designation = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    normalized_email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    email_confirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    password_hash = table.Column<string>(type: "TEXT", nullable: false),
                    security_stamp = table.Column<string>(type: "TEXT", nullable: true),
                    concurrency_stamp = table.Column<string>(type: "TEXT", nullable: true),
                    phone_number = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    phone_number_confirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    two_factor_enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    lockout_end = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    lockout_enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    access_failed_count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_users", x => x.id);
                    table.CheckConstraint("ck_users_role", "role IN ('admin', 'internal_staff', 'partner', 'lead')");
                });

            migrationBuilder.CreateTable(
                name: "api_tokens",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    prefix = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    token_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_used_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    revoked_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_tokens", x => x.id);
                    table.ForeignKey(
                        name: "fk_api_tokens_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "contact_import_jobs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    file_key = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    delimiter = table.Column<string>(type: "TEXT", maxLength: 1, nullable: false),
                    mapping = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    policy = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    processed_rows = table.Column<int>(type: "INTEGER", nullable: false),
                    created_count = table.Column<int>(type: "INTEGER", nullable: false),
                    updated_count = table.Column<int>(type: "INTEGER", nullable: false),
                    skipped_count = table.Column<int>(type: "INTEGER", nullable: false),
                    rejected_count = table.Column<int>(type: "INTEGER", nullable: false),
                    error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    completed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    created_by_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    locked_until = table.Column<DateTime>(type: "TEXT", nullable: true),
                    locked_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contact_import_jobs", x => x.id);
                    table.CheckConstraint("ck_contact_import_jobs_policy", "policy IN ('skip', 'update', 'reject')");
                    table.CheckConstraint("ck_contact_import_jobs_status", "status IN ('draft', 'queued', 'running', 'completed', 'failed')");
                    table.ForeignKey(
                        name: "fk_contact_import_jobs_users_created_by_id",
                        column: x => x.created_by_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "contacts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    contact_no = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    email_id = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    location = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    company = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    designation = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    industry = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    website = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    inner_drives = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    baselines = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    traits = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    personality_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    category_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_by_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    deleted_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    normalized_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    normalized_company = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contacts", x => x.id);
                    table.CheckConstraint("ck_contacts_type", "type IN ('entrepreneur', 'employee')");
                    table.ForeignKey(
                        name: "fk_contacts_contact_categories_category_id",
                        column: x => x.category_id,
                        principalTable: "contact_categories",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_contacts_users_created_by_id",
                        column: x => x.created_by_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "user_claims",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    claim_type = table.Column<string>(type: "TEXT", nullable: true),
                    claim_value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_user_claims_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "user_logins",
                columns: table => new
                {
                    login_provider = table.Column<string>(type: "TEXT", nullable: false),
                    provider_key = table.Column<string>(type: "TEXT", nullable: false),
                    provider_display_name = table.Column<string>(type: "TEXT", nullable: true),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_logins", x => new { x.login_provider, x.provider_key });
                    table.ForeignKey(
                        name: "fk_user_logins_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "user_tokens",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    login_provider = table.Column<string>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_tokens", x => new { x.user_id, x.login_provider, x.name });
                    table.ForeignKey(
                        name: "fk_user_tokens_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "contact_import_rejections",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    job_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    line_number = table.Column<int>(type: "INTEGER", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    raw_record = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contact_import_rejections", x => x.id);
                    table.ForeignKey(
                        name: "fk_contact_import_rejections_contact_import_jobs_job_id",
                        column: x => x.job_id,
                        principalTable: "contact_import_jobs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "contact_activities",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    scheduled_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    is_completed = table.Column<bool>(type: "INTEGER", nullable: false, defaultValue: false),
                    contact_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    created_by_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    due_notified_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contact_activities", x => x.id);
                    table.CheckConstraint("ck_contact_activities_type", "type IN ('reminder', 'todo', 'meeting', 'call', 'email', 'other')");
                    table.ForeignKey(
                        name: "fk_contact_activities_contact_contact_id",
                        column: x => x.contact_id,
                        principalTable: "contacts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_contact_activities_users_created_by_id",
                        column: x => x.created_by_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "contact_notes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    content = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    attachment_url = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    attachment_name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    contact_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    created_by_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contact_notes", x => x.id);
                    table.ForeignKey(
                        name: "fk_contact_notes_contacts_contact_id",
                        column: x => x.contact_id,
                        principalTable: "contacts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_contact_notes_users_created_by_id",
                        column: x => x.created_by_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "contact_social_links",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    platform = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    url = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    username = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    contact_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contact_social_links", x => x.id);
                    table.CheckConstraint("ck_contact_social_links_platform", "platform IN ('facebook', 'linkedin', 'instagram', 'twitter', 'youtube', 'other')");
                    table.ForeignKey(
                        name: "fk_contact_social_links_contacts_contact_id",
                        column: x => x.contact_id,
                        principalTable: "contacts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_api_tokens_token_hash",
                table: "api_tokens",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_api_tokens_user_id",
                table: "api_tokens",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_at",
                table: "audit_log",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_entity_type_entity_id",
                table: "audit_log",
                columns: new[] { "entity_type", "entity_id" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_user_id",
                table: "audit_log",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_contact_activities_contact_id_scheduled_at",
                table: "contact_activities",
                columns: new[] { "contact_id", "scheduled_at" });

            migrationBuilder.CreateIndex(
                name: "ix_contact_activities_created_by_id_is_completed_scheduled_at",
                table: "contact_activities",
                columns: new[] { "created_by_id", "is_completed", "scheduled_at" });

            migrationBuilder.CreateIndex(
                name: "ix_contact_activities_due_notified_at_is_completed_scheduled_at",
                table: "contact_activities",
                columns: new[] { "due_notified_at", "is_completed", "scheduled_at" });

            migrationBuilder.CreateIndex(
                name: "ix_contact_categories_normalized_name",
                table: "contact_categories",
                column: "normalized_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_contact_import_jobs_created_by_id",
                table: "contact_import_jobs",
                column: "created_by_id");

            migrationBuilder.CreateIndex(
                name: "ix_contact_import_jobs_status_created_at",
                table: "contact_import_jobs",
                columns: new[] { "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_contact_import_rejections_job_id_line_number",
                table: "contact_import_rejections",
                columns: new[] { "job_id", "line_number" });

            migrationBuilder.CreateIndex(
                name: "ix_contact_notes_contact_id_created_at",
                table: "contact_notes",
                columns: new[] { "contact_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_contact_notes_created_by_id",
                table: "contact_notes",
                column: "created_by_id");

            migrationBuilder.CreateIndex(
                name: "ix_contact_social_links_contact_id",
                table: "contact_social_links",
                column: "contact_id");

            migrationBuilder.CreateIndex(
                name: "ix_contacts_category_id_id",
                table: "contacts",
                columns: new[] { "category_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_contacts_contact_no",
                table: "contacts",
                column: "contact_no",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_contacts_created_at_id",
                table: "contacts",
                columns: new[] { "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_contacts_created_by_id_id",
                table: "contacts",
                columns: new[] { "created_by_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_contacts_deleted_at",
                table: "contacts",
                column: "deleted_at");

            migrationBuilder.CreateIndex(
                name: "ix_contacts_email_id",
                table: "contacts",
                column: "email_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_contacts_industry_id",
                table: "contacts",
                columns: new[] { "industry", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_contacts_location_id",
                table: "contacts",
                columns: new[] { "location", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_contacts_normalized_company_id",
                table: "contacts",
                columns: new[] { "normalized_company", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_contacts_normalized_name_id",
                table: "contacts",
                columns: new[] { "normalized_name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_contacts_personality_type_id",
                table: "contacts",
                columns: new[] { "personality_type", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_contacts_type_id",
                table: "contacts",
                columns: new[] { "type", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_contacts_updated_at_id",
                table: "contacts",
                columns: new[] { "updated_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_processed_at_next_attempt_at",
                table: "outbox_messages",
                columns: new[] { "processed_at", "next_attempt_at" });

            migrationBuilder.CreateIndex(
                name: "ix_user_claims_user_id",
                table: "user_claims",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_user_logins_user_id",
                table: "user_logins",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "users",
                column: "normalized_email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_users_role",
                table: "users",
                column: "role");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "users",
                column: "normalized_user_name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_tokens");

            migrationBuilder.DropTable(
                name: "audit_log");

            migrationBuilder.DropTable(
                name: "contact_activities");

            migrationBuilder.DropTable(
                name: "contact_import_rejections");

            migrationBuilder.DropTable(
                name: "contact_notes");

            migrationBuilder.DropTable(
                name: "contact_social_links");

            migrationBuilder.DropTable(
                name: "data_protection_keys");

            migrationBuilder.DropTable(
                name: "features");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "role_permissions");

            migrationBuilder.DropTable(
                name: "site_settings");

            migrationBuilder.DropTable(
                name: "user_claims");

            migrationBuilder.DropTable(
                name: "user_logins");

            migrationBuilder.DropTable(
                name: "user_tokens");

            migrationBuilder.DropTable(
                name: "contact_import_jobs");

            migrationBuilder.DropTable(
                name: "contacts");

            migrationBuilder.DropTable(
                name: "contact_categories");

            migrationBuilder.DropTable(
                name: "users");
        }
    }
}
