/*
 * Counters of the launch rate limit (issue 3), in the layout rate-limiter-flexible's PostgreSQL
 * and SQLite limiters use, created here so the limiter never creates tables itself.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  if (await knex.schema.hasTable('rde_rate_limits')) {
    return; // made by the limiter itself before this migration existed
  }
  await knex.schema.createTable('rde_rate_limits', table => {
    table.comment('rate-limiter-flexible counters: key = prefix + user ref');
    table.string('key', 255).primary().notNullable();
    table.integer('points').notNullable().defaultTo(0);
    table.bigInteger('expire').nullable().comment('Unix ms');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTableIfExists('rde_rate_limits');
};
