/**
 * npm run demo — fills a running server (npm start) with a demo space of invented weekly reports for the
 * last ~12 weeks, imported through the public HTTP API. Safe to run again: weeks that exist are skipped.
 */
import { parseArgs } from 'node:util';
import { demoWeeks } from './demoReports.js';
import { CadenceClient } from './http.js';
import { importAll, printSummary } from './importFiles.js';

const SPACE = 'Demo · 支付研发';

async function main() {
  const { values } = parseArgs({
    options: {
      url: { type: 'string', default: process.env.CADENCE_URL ?? 'http://localhost:3000' },
      email: { type: 'string', default: process.env.CADENCE_DEMO_EMAIL ?? 'demo@cadence.local' },
      password: { type: 'string', default: process.env.CADENCE_DEMO_PASSWORD ?? 'cadence-demo' },
      weeks: { type: 'string', default: '12' },
    },
  });
  const client = new CadenceClient(values.url!);
  await client.signIn(values.email!, values.password!, 'Demo');
  const space = await client.spaceNamed(SPACE);
  const weeks = demoWeeks(Math.max(1, Math.min(104, Number(values.weeks) || 12)));
  console.log(`${space.created ? 'Created' : 'Using'} space "${SPACE}"; importing ${weeks.length} invented weekly reports into ${values.url}`);
  const outcomes = await importAll(client, space.id, weeks.map((w) => ({ name: `${w.week}.md`, body: w.markdown })));
  printSummary(outcomes);
  const failed = outcomes.filter((o) => o.result === 'skipped' && !o.detail.startsWith('week_exists'));
  console.log(`\nOpen ${values.url} and sign in as ${values.email} / ${values.password}`);
  if (failed.length) process.exitCode = 1;
}

main().catch((e) => {
  console.error(`demo: ${(e as Error).message}`);
  process.exitCode = 1;
});
