import type { Kysely } from 'kysely';
import type { MigrationContext } from './index.js';

/**
 * Which side of a KPI's target is good (`item.target_op`, shared/kpiTarget.ts): `≤` for a ceiling (平均响应时间 ≤
 * 200ms), null for the default "at least". Rows indexed before it have no such targets: null is what they mean.
 */
export const itemTargetOp = (_db: MigrationContext) => ({
  async up(k: Kysely<any>) {
    await k.schema.alterTable('item').addColumn('target_op', 'text').execute();
  },
});
