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
                name: "workflow_types",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    start_event = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    graph = table.Column<string>(type: "TEXT", nullable: false),
                    next_run_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workflow_types", x => x.id);
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
                name: "assessments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    trait = table.Column<string>(type: "TEXT", maxLength: 17, nullable: false),
                    is_active = table.Column<bool>(type: "INTEGER", nullable: false, defaultValue: true),
                    is_public = table.Column<bool>(type: "INTEGER", nullable: false, defaultValue: false),
                    public_url = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    scoring_logic = table.Column<string>(type: "TEXT", maxLength: 64000, nullable: true),
                    created_by_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    deleted_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    show_score = table.Column<bool>(type: "INTEGER", nullable: false),
                    show_ranking = table.Column<bool>(type: "INTEGER", nullable: false),
                    show_personality_type = table.Column<bool>(type: "INTEGER", nullable: false),
                    show_traits = table.Column<bool>(type: "INTEGER", nullable: false),
                    ask_phone = table.Column<bool>(type: "INTEGER", nullable: false),
                    offer_to_leads = table.Column<bool>(type: "INTEGER", nullable: false),
                    contact_category_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assessments", x => x.id);
                    table.CheckConstraint("ck_assessments_trait", "trait IN ('sales', 'marketing', 'hr_management', 'people_management', 'leadership', 'communication', 'technical', 'creativity')");
                    table.ForeignKey(
                        name: "fk_assessments_contact_category_contact_category_id",
                        column: x => x.contact_category_id,
                        principalTable: "contact_categories",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_assessments_users_created_by_id",
                        column: x => x.created_by_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
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
                name: "crm_trackers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    is_active = table.Column<bool>(type: "INTEGER", nullable: false, defaultValue: true),
                    created_by_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_trackers", x => x.id);
                    table.ForeignKey(
                        name: "fk_crm_trackers_users_created_by_id",
                        column: x => x.created_by_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "marketing_campaigns",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false, defaultValue: "draft"),
                    subject = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    content = table.Column<string>(type: "TEXT", maxLength: 200000, nullable: false),
                    scheduled_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    sent_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    paused_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    total_recipients = table.Column<int>(type: "INTEGER", nullable: false, defaultValue: 0),
                    sent_count = table.Column<int>(type: "INTEGER", nullable: false, defaultValue: 0),
                    delivered_count = table.Column<int>(type: "INTEGER", nullable: false, defaultValue: 0),
                    opened_count = table.Column<int>(type: "INTEGER", nullable: false, defaultValue: 0),
                    clicked_count = table.Column<int>(type: "INTEGER", nullable: false, defaultValue: 0),
                    created_by_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    category_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    deleted_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_marketing_campaigns", x => x.id);
                    table.CheckConstraint("ck_marketing_campaigns_counters", "total_recipients >= 0 AND sent_count >= 0 AND delivered_count >= 0 AND opened_count >= 0 AND clicked_count >= 0");
                    table.CheckConstraint("ck_marketing_campaigns_status", "status IN ('draft', 'scheduled', 'running', 'completed', 'cancelled')");
                    table.CheckConstraint("ck_marketing_campaigns_type", "type IN ('email', 'whatsapp', 'sms')");
                    table.ForeignKey(
                        name: "fk_marketing_campaigns_contact_categories_category_id",
                        column: x => x.category_id,
                        principalTable: "contact_categories",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_marketing_campaigns_users_created_by_id",
                        column: x => x.created_by_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "questionnaires",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    is_active = table.Column<bool>(type: "INTEGER", nullable: false, defaultValue: true),
                    created_by_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    deleted_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    public_url = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    is_public = table.Column<bool>(type: "INTEGER", nullable: false, defaultValue: true),
                    offer_to_leads = table.Column<bool>(type: "INTEGER", nullable: false, defaultValue: false),
                    contact_category_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    rating_min = table.Column<int>(type: "INTEGER", nullable: false, defaultValue: 1),
                    rating_max = table.Column<int>(type: "INTEGER", nullable: false, defaultValue: 5),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_questionnaires", x => x.id);
                    table.CheckConstraint("ck_questionnaires_rating_bounds", "rating_min >= 0 AND rating_max <= 10 AND rating_min < rating_max");
                    table.ForeignKey(
                        name: "fk_questionnaires_contact_categories_contact_category_id",
                        column: x => x.contact_category_id,
                        principalTable: "contact_categories",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_questionnaires_users_created_by_id",
                        column: x => x.created_by_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
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
                name: "workflow_notifications",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    body = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    instance_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workflow_notifications", x => x.id);
                    table.ForeignKey(
                        name: "fk_workflow_notifications_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "workflow_event_starts",
                columns: table => new
                {
                    event_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    workflow_type_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    instance_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workflow_event_starts", x => new { x.event_id, x.workflow_type_id });
                    table.ForeignKey(
                        name: "fk_workflow_event_starts_workflow_type_workflow_type_id",
                        column: x => x.workflow_type_id,
                        principalTable: "workflow_types",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "workflow_instances",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    workflow_type_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    correlation_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    variables = table.Column<string>(type: "TEXT", nullable: false),
                    event_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    event_payload = table.Column<string>(type: "TEXT", nullable: true),
                    last_event_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    scheduled = table.Column<string>(type: "TEXT", nullable: false),
                    blocking = table.Column<string>(type: "TEXT", nullable: false),
                    waiting_events = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    timer_due_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    log_count = table.Column<int>(type: "INTEGER", nullable: false),
                    fault_message = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    faulted_activity_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    finished_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    locked_until = table.Column<DateTime>(type: "TEXT", nullable: true),
                    locked_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workflow_instances", x => x.id);
                    table.CheckConstraint("ck_workflow_instances_status", "status IN ('running', 'waiting', 'finished', 'faulted', 'cancelled')");
                    table.ForeignKey(
                        name: "fk_workflow_instances_workflow_type_workflow_type_id",
                        column: x => x.workflow_type_id,
                        principalTable: "workflow_types",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "assessment_questions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    question = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    points = table.Column<int>(type: "INTEGER", nullable: false, defaultValue: 0),
                    sort_order = table.Column<int>(type: "INTEGER", nullable: false, defaultValue: 0),
                    assessment_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assessment_questions", x => x.id);
                    table.CheckConstraint("ck_assessment_questions_type", "type IN ('multiple_choice', 'subjective', 'rating_scale', 'true_false')");
                    table.ForeignKey(
                        name: "fk_assessment_questions_assessments_assessment_id",
                        column: x => x.assessment_id,
                        principalTable: "assessments",
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
                name: "assessment_responses",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    total_score = table.Column<int>(type: "INTEGER", nullable: false, defaultValue: 0),
                    max_score = table.Column<int>(type: "INTEGER", nullable: false, defaultValue: 0),
                    percentage = table.Column<double>(type: "REAL", precision: 5, scale: 2, nullable: false, defaultValue: 0.0),
                    personality_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    traits = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ranking = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    assessment_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    contact_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    inner_drives = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    baselines = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    dimension_scores = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    submission_key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    submitted_by_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assessment_responses", x => x.id);
                    table.CheckConstraint("ck_assessment_responses_status", "status IN ('completed', 'pending_grading')");
                    table.ForeignKey(
                        name: "fk_assessment_responses_assessments_assessment_id",
                        column: x => x.assessment_id,
                        principalTable: "assessments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_assessment_responses_contact_contact_id",
                        column: x => x.contact_id,
                        principalTable: "contacts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
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

            migrationBuilder.CreateTable(
                name: "crm_fields",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    label = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    is_required = table.Column<bool>(type: "INTEGER", nullable: false, defaultValue: false),
                    options = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    placeholder = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    help_text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    sort_order = table.Column<int>(type: "INTEGER", nullable: false, defaultValue: 0),
                    tracker_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_fields", x => x.id);
                    table.CheckConstraint("ck_crm_fields_type", "type IN ('text', 'number', 'email', 'phone', 'date', 'select', 'multi_select', 'textarea', 'boolean')");
                    table.ForeignKey(
                        name: "fk_crm_fields_crm_tracker_tracker_id",
                        column: x => x.tracker_id,
                        principalTable: "crm_trackers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "leads",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false, defaultValue: "new"),
                    estimated_value = table.Column<double>(type: "REAL", precision: 10, scale: 2, nullable: true),
                    expected_close_date = table.Column<DateTime>(type: "TEXT", nullable: true),
                    contact_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tracker_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    assigned_to_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_by_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    deleted_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    normalized_title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_leads", x => x.id);
                    table.CheckConstraint("ck_leads_estimated_value", "estimated_value IS NULL OR (estimated_value >= -99999999.99 AND estimated_value <= 99999999.99)");
                    table.CheckConstraint("ck_leads_status", "status IN ('new', 'contacted', 'qualified', 'proposal', 'negotiation', 'closed_won', 'closed_lost', 'on_hold')");
                    table.ForeignKey(
                        name: "fk_leads_contacts_contact_id",
                        column: x => x.contact_id,
                        principalTable: "contacts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_leads_crm_trackers_tracker_id",
                        column: x => x.tracker_id,
                        principalTable: "crm_trackers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_leads_users_assigned_to_id",
                        column: x => x.assigned_to_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_leads_users_created_by_id",
                        column: x => x.created_by_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "marketing_messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false, defaultValue: "pending"),
                    sent_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    delivered_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    opened_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    clicked_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    error_message = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    campaign_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    contact_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    recipient = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false, defaultValue: 0),
                    next_attempt_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    locked_until = table.Column<DateTime>(type: "TEXT", nullable: true),
                    locked_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    provider_message_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_marketing_messages", x => x.id);
                    table.CheckConstraint("ck_marketing_messages_status", "status IN ('pending', 'sent', 'delivered', 'failed', 'opened', 'clicked')");
                    table.ForeignKey(
                        name: "fk_marketing_messages_contacts_contact_id",
                        column: x => x.contact_id,
                        principalTable: "contacts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_marketing_messages_marketing_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalTable: "marketing_campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "marketing_unsubscribes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    contact_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    campaign_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    message_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_marketing_unsubscribes", x => x.id);
                    table.ForeignKey(
                        name: "fk_marketing_unsubscribes_contacts_contact_id",
                        column: x => x.contact_id,
                        principalTable: "contacts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_marketing_unsubscribes_marketing_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalTable: "marketing_campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "questionnaire_questions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    question = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    is_required = table.Column<bool>(type: "INTEGER", nullable: false, defaultValue: false),
                    sort_order = table.Column<int>(type: "INTEGER", nullable: false, defaultValue: 0),
                    help_text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    questionnaire_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_questionnaire_questions", x => x.id);
                    table.CheckConstraint("ck_questionnaire_questions_type", "type IN ('multiple_choice', 'text', 'rating_scale', 'yes_no', 'checkbox')");
                    table.ForeignKey(
                        name: "fk_questionnaire_questions_questionnaires_questionnaire_id",
                        column: x => x.questionnaire_id,
                        principalTable: "questionnaires",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "questionnaire_responses",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    questionnaire_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    contact_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    submission_key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    submitted_by_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_questionnaire_responses", x => x.id);
                    table.ForeignKey(
                        name: "fk_questionnaire_responses_contacts_contact_id",
                        column: x => x.contact_id,
                        principalTable: "contacts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_questionnaire_responses_questionnaires_questionnaire_id",
                        column: x => x.questionnaire_id,
                        principalTable: "questionnaires",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "questionnaire_summary_counts",
                columns: table => new
                {
                    questionnaire_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    question_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    bucket = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    tally = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_questionnaire_summary_counts", x => new { x.questionnaire_id, x.question_id, x.bucket });
                    table.ForeignKey(
                        name: "fk_questionnaire_summary_counts_questionnaires_questionnaire_id",
                        column: x => x.questionnaire_id,
                        principalTable: "questionnaires",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "workflow_execution_log",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    instance_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    activity_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    activity_type = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    started_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    duration_ms = table.Column<double>(type: "REAL", nullable: false),
                    message = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    error = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workflow_execution_log", x => x.id);
                    table.ForeignKey(
                        name: "fk_workflow_execution_log_workflow_instance_instance_id",
                        column: x => x.instance_id,
                        principalTable: "workflow_instances",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "assessment_question_options",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    points = table.Column<int>(type: "INTEGER", nullable: false, defaultValue: 0),
                    is_correct = table.Column<bool>(type: "INTEGER", nullable: false, defaultValue: false),
                    sort_order = table.Column<int>(type: "INTEGER", nullable: false, defaultValue: 0),
                    question_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    dimension_points = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assessment_question_options", x => x.id);
                    table.ForeignKey(
                        name: "fk_assessment_question_options_assessment_questions_question_id",
                        column: x => x.question_id,
                        principalTable: "assessment_questions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "lead_field_values",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    value = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    lead_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    field_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_lead_field_values", x => x.id);
                    table.ForeignKey(
                        name: "fk_lead_field_values_crm_fields_field_id",
                        column: x => x.field_id,
                        principalTable: "crm_fields",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_lead_field_values_leads_lead_id",
                        column: x => x.lead_id,
                        principalTable: "leads",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "lead_notes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    content = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    lead_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    created_by_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_lead_notes", x => x.id);
                    table.ForeignKey(
                        name: "fk_lead_notes_leads_lead_id",
                        column: x => x.lead_id,
                        principalTable: "leads",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_lead_notes_users_created_by_id",
                        column: x => x.created_by_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "questionnaire_question_options",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    sort_order = table.Column<int>(type: "INTEGER", nullable: false, defaultValue: 0),
                    question_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_questionnaire_question_options", x => x.id);
                    table.ForeignKey(
                        name: "fk_questionnaire_question_options_questionnaire_questions_question_id",
                        column: x => x.question_id,
                        principalTable: "questionnaire_questions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "assessment_response_answers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    answer_text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    points = table.Column<int>(type: "INTEGER", nullable: false, defaultValue: 0),
                    response_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    question_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    option_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    rating_value = table.Column<int>(type: "INTEGER", nullable: true),
                    question_text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    question_type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    option_text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    max_points = table.Column<int>(type: "INTEGER", nullable: false),
                    dimension_points = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    pending_grading = table.Column<bool>(type: "INTEGER", nullable: false),
                    graded_by_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    graded_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assessment_response_answers", x => x.id);
                    table.CheckConstraint("ck_assessment_response_answers_question_type", "question_type IN ('multiple_choice', 'subjective', 'rating_scale', 'true_false')");
                    table.ForeignKey(
                        name: "fk_assessment_response_answers_assessment_question_options_option_id",
                        column: x => x.option_id,
                        principalTable: "assessment_question_options",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_assessment_response_answers_assessment_questions_question_id",
                        column: x => x.question_id,
                        principalTable: "assessment_questions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_assessment_response_answers_assessment_response_response_id",
                        column: x => x.response_id,
                        principalTable: "assessment_responses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "questionnaire_response_answers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    answer_text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    response_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    question_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    option_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    rating_value = table.Column<int>(type: "INTEGER", nullable: true),
                    question_text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    question_type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    option_text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_questionnaire_response_answers", x => x.id);
                    table.CheckConstraint("ck_questionnaire_response_answers_question_type", "question_type IN ('multiple_choice', 'text', 'rating_scale', 'yes_no', 'checkbox')");
                    table.ForeignKey(
                        name: "fk_questionnaire_response_answers_questionnaire_question_options_option_id",
                        column: x => x.option_id,
                        principalTable: "questionnaire_question_options",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_questionnaire_response_answers_questionnaire_questions_question_id",
                        column: x => x.question_id,
                        principalTable: "questionnaire_questions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_questionnaire_response_answers_questionnaire_response_response_id",
                        column: x => x.response_id,
                        principalTable: "questionnaire_responses",
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
                name: "ix_assessment_question_options_question_id_sort_order",
                table: "assessment_question_options",
                columns: new[] { "question_id", "sort_order" });

            migrationBuilder.CreateIndex(
                name: "ix_assessment_questions_assessment_id_sort_order",
                table: "assessment_questions",
                columns: new[] { "assessment_id", "sort_order" });

            migrationBuilder.CreateIndex(
                name: "ix_assessment_response_answers_option_id",
                table: "assessment_response_answers",
                column: "option_id");

            migrationBuilder.CreateIndex(
                name: "ix_assessment_response_answers_pending_grading",
                table: "assessment_response_answers",
                column: "pending_grading");

            migrationBuilder.CreateIndex(
                name: "ix_assessment_response_answers_question_id",
                table: "assessment_response_answers",
                column: "question_id");

            migrationBuilder.CreateIndex(
                name: "ix_assessment_response_answers_response_id",
                table: "assessment_response_answers",
                column: "response_id");

            migrationBuilder.CreateIndex(
                name: "ix_assessment_responses_assessment_id_created_at_id",
                table: "assessment_responses",
                columns: new[] { "assessment_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_assessment_responses_assessment_id_submission_key",
                table: "assessment_responses",
                columns: new[] { "assessment_id", "submission_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_assessment_responses_contact_id_created_at",
                table: "assessment_responses",
                columns: new[] { "contact_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_assessment_responses_status",
                table: "assessment_responses",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_assessments_contact_category_id",
                table: "assessments",
                column: "contact_category_id");

            migrationBuilder.CreateIndex(
                name: "ix_assessments_created_by_id",
                table: "assessments",
                column: "created_by_id");

            migrationBuilder.CreateIndex(
                name: "ix_assessments_deleted_at",
                table: "assessments",
                column: "deleted_at");

            migrationBuilder.CreateIndex(
                name: "ix_assessments_public_url",
                table: "assessments",
                column: "public_url",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_assessments_title_id",
                table: "assessments",
                columns: new[] { "title", "id" });

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
                name: "ix_crm_fields_tracker_id_name",
                table: "crm_fields",
                columns: new[] { "tracker_id", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_crm_fields_tracker_id_sort_order",
                table: "crm_fields",
                columns: new[] { "tracker_id", "sort_order" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_trackers_created_by_id",
                table: "crm_trackers",
                column: "created_by_id");

            migrationBuilder.CreateIndex(
                name: "ix_crm_trackers_name",
                table: "crm_trackers",
                column: "name");

            migrationBuilder.CreateIndex(
                name: "ix_lead_field_values_field_id_value",
                table: "lead_field_values",
                columns: new[] { "field_id", "value" });

            migrationBuilder.CreateIndex(
                name: "ix_lead_field_values_lead_id_field_id",
                table: "lead_field_values",
                columns: new[] { "lead_id", "field_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_lead_notes_created_by_id",
                table: "lead_notes",
                column: "created_by_id");

            migrationBuilder.CreateIndex(
                name: "ix_lead_notes_lead_id_created_at",
                table: "lead_notes",
                columns: new[] { "lead_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_leads_assigned_to_id_tracker_id_status",
                table: "leads",
                columns: new[] { "assigned_to_id", "tracker_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_leads_contact_id_created_at",
                table: "leads",
                columns: new[] { "contact_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_leads_created_by_id",
                table: "leads",
                column: "created_by_id");

            migrationBuilder.CreateIndex(
                name: "ix_leads_deleted_at",
                table: "leads",
                column: "deleted_at");

            migrationBuilder.CreateIndex(
                name: "ix_leads_tracker_id_created_at_id",
                table: "leads",
                columns: new[] { "tracker_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_leads_tracker_id_estimated_value_id",
                table: "leads",
                columns: new[] { "tracker_id", "estimated_value", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_leads_tracker_id_expected_close_date_id",
                table: "leads",
                columns: new[] { "tracker_id", "expected_close_date", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_leads_tracker_id_normalized_title_id",
                table: "leads",
                columns: new[] { "tracker_id", "normalized_title", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_leads_tracker_id_status_created_at_id",
                table: "leads",
                columns: new[] { "tracker_id", "status", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_leads_tracker_id_status_estimated_value",
                table: "leads",
                columns: new[] { "tracker_id", "status", "estimated_value" });

            migrationBuilder.CreateIndex(
                name: "ix_leads_tracker_id_status_updated_at_id",
                table: "leads",
                columns: new[] { "tracker_id", "status", "updated_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_marketing_campaigns_category_id",
                table: "marketing_campaigns",
                column: "category_id");

            migrationBuilder.CreateIndex(
                name: "ix_marketing_campaigns_created_at_id",
                table: "marketing_campaigns",
                columns: new[] { "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_marketing_campaigns_created_by_id",
                table: "marketing_campaigns",
                column: "created_by_id");

            migrationBuilder.CreateIndex(
                name: "ix_marketing_campaigns_deleted_at",
                table: "marketing_campaigns",
                column: "deleted_at");

            migrationBuilder.CreateIndex(
                name: "ix_marketing_campaigns_name_id",
                table: "marketing_campaigns",
                columns: new[] { "name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_marketing_campaigns_status_scheduled_at",
                table: "marketing_campaigns",
                columns: new[] { "status", "scheduled_at" });

            migrationBuilder.CreateIndex(
                name: "ix_marketing_messages_campaign_id_contact_id",
                table: "marketing_messages",
                columns: new[] { "campaign_id", "contact_id" });

            migrationBuilder.CreateIndex(
                name: "ix_marketing_messages_campaign_id_status_id",
                table: "marketing_messages",
                columns: new[] { "campaign_id", "status", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_marketing_messages_contact_id_created_at",
                table: "marketing_messages",
                columns: new[] { "contact_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_marketing_messages_provider_message_id",
                table: "marketing_messages",
                column: "provider_message_id");

            migrationBuilder.CreateIndex(
                name: "ix_marketing_messages_queue",
                table: "marketing_messages",
                column: "next_attempt_at",
                filter: "status = 'pending'");

            migrationBuilder.CreateIndex(
                name: "ix_marketing_unsubscribes_campaign_id",
                table: "marketing_unsubscribes",
                column: "campaign_id");

            migrationBuilder.CreateIndex(
                name: "ix_marketing_unsubscribes_contact_id",
                table: "marketing_unsubscribes",
                column: "contact_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_processed_at_next_attempt_at",
                table: "outbox_messages",
                columns: new[] { "processed_at", "next_attempt_at" });

            migrationBuilder.CreateIndex(
                name: "ix_questionnaire_question_options_question_id_sort_order",
                table: "questionnaire_question_options",
                columns: new[] { "question_id", "sort_order" });

            migrationBuilder.CreateIndex(
                name: "ix_questionnaire_questions_questionnaire_id_sort_order",
                table: "questionnaire_questions",
                columns: new[] { "questionnaire_id", "sort_order" });

            migrationBuilder.CreateIndex(
                name: "ix_questionnaire_response_answers_option_id",
                table: "questionnaire_response_answers",
                column: "option_id");

            migrationBuilder.CreateIndex(
                name: "ix_questionnaire_response_answers_question_id_created_at",
                table: "questionnaire_response_answers",
                columns: new[] { "question_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_questionnaire_response_answers_question_id_option_id_rating_value_response_id",
                table: "questionnaire_response_answers",
                columns: new[] { "question_id", "option_id", "rating_value", "response_id" });

            migrationBuilder.CreateIndex(
                name: "ix_questionnaire_response_answers_response_id",
                table: "questionnaire_response_answers",
                column: "response_id");

            migrationBuilder.CreateIndex(
                name: "ix_questionnaire_responses_contact_id_created_at",
                table: "questionnaire_responses",
                columns: new[] { "contact_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_questionnaire_responses_questionnaire_id_created_at",
                table: "questionnaire_responses",
                columns: new[] { "questionnaire_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_questionnaire_responses_questionnaire_id_submission_key",
                table: "questionnaire_responses",
                columns: new[] { "questionnaire_id", "submission_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_questionnaires_contact_category_id",
                table: "questionnaires",
                column: "contact_category_id");

            migrationBuilder.CreateIndex(
                name: "ix_questionnaires_created_by_id",
                table: "questionnaires",
                column: "created_by_id");

            migrationBuilder.CreateIndex(
                name: "ix_questionnaires_deleted_at",
                table: "questionnaires",
                column: "deleted_at");

            migrationBuilder.CreateIndex(
                name: "ix_questionnaires_public_url",
                table: "questionnaires",
                column: "public_url",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_questionnaires_title_id",
                table: "questionnaires",
                columns: new[] { "title", "id" });

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

            migrationBuilder.CreateIndex(
                name: "ix_workflow_event_starts_workflow_type_id",
                table: "workflow_event_starts",
                column: "workflow_type_id");

            migrationBuilder.CreateIndex(
                name: "ix_workflow_execution_log_instance_id_sequence",
                table: "workflow_execution_log",
                columns: new[] { "instance_id", "sequence" });

            migrationBuilder.CreateIndex(
                name: "ix_workflow_instances_status_correlation_id",
                table: "workflow_instances",
                columns: new[] { "status", "correlation_id" });

            migrationBuilder.CreateIndex(
                name: "ix_workflow_instances_status_timer_due_at",
                table: "workflow_instances",
                columns: new[] { "status", "timer_due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_workflow_instances_workflow_type_id_status",
                table: "workflow_instances",
                columns: new[] { "workflow_type_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_workflow_notifications_user_id_id",
                table: "workflow_notifications",
                columns: new[] { "user_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_workflow_types_name",
                table: "workflow_types",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_workflow_types_start_event_enabled",
                table: "workflow_types",
                columns: new[] { "start_event", "enabled" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_tokens");

            migrationBuilder.DropTable(
                name: "assessment_response_answers");

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
                name: "lead_field_values");

            migrationBuilder.DropTable(
                name: "lead_notes");

            migrationBuilder.DropTable(
                name: "marketing_messages");

            migrationBuilder.DropTable(
                name: "marketing_unsubscribes");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "questionnaire_response_answers");

            migrationBuilder.DropTable(
                name: "questionnaire_summary_counts");

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
                name: "workflow_event_starts");

            migrationBuilder.DropTable(
                name: "workflow_execution_log");

            migrationBuilder.DropTable(
                name: "workflow_notifications");

            migrationBuilder.DropTable(
                name: "assessment_question_options");

            migrationBuilder.DropTable(
                name: "assessment_responses");

            migrationBuilder.DropTable(
                name: "contact_import_jobs");

            migrationBuilder.DropTable(
                name: "crm_fields");

            migrationBuilder.DropTable(
                name: "leads");

            migrationBuilder.DropTable(
                name: "marketing_campaigns");

            migrationBuilder.DropTable(
                name: "questionnaire_question_options");

            migrationBuilder.DropTable(
                name: "questionnaire_responses");

            migrationBuilder.DropTable(
                name: "workflow_instances");

            migrationBuilder.DropTable(
                name: "assessment_questions");

            migrationBuilder.DropTable(
                name: "crm_trackers");

            migrationBuilder.DropTable(
                name: "questionnaire_questions");

            migrationBuilder.DropTable(
                name: "contacts");

            migrationBuilder.DropTable(
                name: "workflow_types");

            migrationBuilder.DropTable(
                name: "assessments");

            migrationBuilder.DropTable(
                name: "questionnaires");

            migrationBuilder.DropTable(
                name: "contact_categories");

            migrationBuilder.DropTable(
                name: "users");
        }
    }
}
