import type { Kysely } from 'kysely';
import type { MigrationContext } from './index.js';

/**
 * Invitations by email for people who have no account yet: the space's owner adds them as members now, and they are
 * members from the moment they sign up with that email (domain/invites.ts). One per space and email.
 */
export const invites = (_db: MigrationContext) => ({
  async up(k: Kysely<any>) {
    await k.schema.createTable('invite')
      .addColumn('space_id', 'text', (c) => c.notNull().references('space.id').onDelete('cascade'))
      .addColumn('email', 'text', (c) => c.notNull()) // lower-cased
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('invited_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('invite_pk', ['space_id', 'email'])
      .execute();
    await k.schema.createIndex('invite_email').on('invite').column('email').execute();
  },
});
