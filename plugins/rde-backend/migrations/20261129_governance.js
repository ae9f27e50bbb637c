/*
 * Governance for issue 3 (DESIGN §6, §7): blueprint overrides made by admins, admin settings,
 * the audit table, per-user locks that make the running-workspace limit atomic, and two
 * workspace columns (owner email, current/last operation).
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('rde_workspaces', table => {
    table
      .string('owner_email', 320)
      .nullable()
      .comment('Owner email (user entity spec.profile.email) at creation');
    table
      .string('operation', 16)
      .nullable()
      .comment('Lifecycle operation in flight, else the last one');
    table.index(['owner', 'status'], 'rde_workspaces_owner_status_idx');
  });

  await knex.schema.createTable('rde_blueprint_overrides', table => {
    table.comment(
      'Admin overrides of blueprint templates; a non-null column wins over the YAML',
    );
    table
      .string('blueprint_ref', 255)
      .primary()
      .notNullable()
      .comment('Lower-case entity ref, template:<namespace>/<name>');
    table.string('state', 16).nullable();
    table.text('access').nullable().comment('JSON array of ACL rules');
    table.text('trusted_users').nullable().comment('JSON array of emails');
    table.string('updated_by', 255).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('rde_settings', table => {
    table.comment('Admin settings; absent keys fall back to config');
    table.string('key', 64).primary().notNullable();
    table.text('value').notNullable().comment('JSON');
    table.string('updated_by', 255).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('rde_audit_events', table => {
    table.comment(
      'Audit trail of lifecycle and admin operations, queried by the admin UI',
    );
    table.uuid('id').primary().notNullable();
    table.timestamp('occurred_at', { useTz: true }).notNullable();
    table.string('actor_ref', 255).notNullable();
    table.string('actor_email', 320).nullable();
    table.string('action', 64).notNullable();
    table.string('workspace_id', 36).nullable();
    table.string('workspace_name', 63).nullable();
    table.string('blueprint', 255).nullable();
    table.string('outcome', 16).notNullable();
    table.text('message').nullable();
    table.index(['occurred_at'], 'rde_audit_events_time_idx');
    table.index(['workspace_id'], 'rde_audit_events_workspace_idx');
  });

  await knex.schema.createTable('rde_user_locks', table => {
    table.comment(
      'One row per user; updating it serialises limit checks of that user across replicas',
    );
    table.string('user_ref', 255).primary().notNullable();
    table.timestamp('locked_at', { useTz: true }).notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('rde_user_locks');
  await knex.schema.dropTable('rde_audit_events');
  await knex.schema.dropTable('rde_settings');
  await knex.schema.dropTable('rde_blueprint_overrides');
  await knex.schema.alterTable('rde_workspaces', table => {
    table.dropIndex(['owner', 'status'], 'rde_workspaces_owner_status_idx');
    table.dropColumn('operation');
    table.dropColumn('owner_email');
  });
};
