/*
 * Initial schema of the RDE control plane (DESIGN §3): clusters, agent tokens (hashed only),
 * workspaces and one-time tickets (hashed only). Runs on SQLite (better-sqlite3) and PostgreSQL.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('rde_clusters', table => {
    table.comment(
      'Clusters known to the control plane; whether one is online is live state',
    );
    table.string('name', 63).primary().notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table
      .timestamp('last_seen_at', { useTz: true })
      .nullable()
      .comment('When an agent for it last connected or disconnected');
  });

  await knex.schema.createTable('rde_agent_tokens', table => {
    table.comment(
      'Per-cluster agent tokens; only the SHA-256 of the token is stored',
    );
    table.uuid('id').primary().notNullable();
    table.string('cluster', 63).notNullable();
    table
      .string('token_hash', 64)
      .notNullable()
      .comment('Lower-case hex SHA-256 of the plaintext token');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.string('created_by', 255).notNullable();
    table.timestamp('last_used_at', { useTz: true }).nullable();
    table.timestamp('revoked_at', { useTz: true }).nullable();
    table.unique(['token_hash'], { indexName: 'rde_agent_tokens_hash_uniq' });
    table.index(['cluster'], 'rde_agent_tokens_cluster_idx');
  });

  await knex.schema.createTable('rde_workspaces', table => {
    table.comment(
      'Workspaces; the row is the record, the agent reports observed state',
    );
    table.uuid('id').primary().notNullable();
    table.string('name', 63).notNullable();
    table.string('owner', 255).notNullable().comment('User entity ref');
    table.string('blueprint', 255).notNullable();
    table.string('cluster', 63).notNullable();
    table.string('status', 16).notNullable();
    table.text('status_message').nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(['owner'], 'rde_workspaces_owner_idx');
    table.index(['cluster'], 'rde_workspaces_cluster_idx');
  });
  // A name is unique per owner among workspaces that are not deleted. Partial indexes exist in
  // both PostgreSQL and SQLite (≥ 3.8).
  await knex.raw(
    `CREATE UNIQUE INDEX rde_workspaces_owner_name_uniq ON rde_workspaces (owner, name) WHERE status <> 'deleted'`,
  );

  await knex.schema.createTable('rde_tickets', table => {
    table.comment('One-time tickets; only the SHA-256 of the ticket is stored');
    table.string('hash', 64).primary().notNullable();
    table.string('kind', 32).notNullable();
    table.string('user_ref', 255).notNullable();
    table.string('workspace_id', 36).notNullable();
    table.integer('cols').notNullable();
    table.integer('rows').notNullable();
    table
      .bigInteger('expires_at')
      .notNullable()
      .comment('Milliseconds since the Unix epoch');
    table
      .bigInteger('created_at')
      .notNullable()
      .comment('Milliseconds since the Unix epoch');
    table.index(['expires_at'], 'rde_tickets_expires_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('rde_tickets');
  await knex.raw('DROP INDEX IF EXISTS rde_workspaces_owner_name_uniq');
  await knex.schema.dropTable('rde_workspaces');
  await knex.schema.dropTable('rde_agent_tokens');
  await knex.schema.dropTable('rde_clusters');
};
