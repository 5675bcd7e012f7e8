/**
 * npm run import -- --space "<name>" <files or folders>
 * Imports Markdown weekly reports into a space of the running server, over its HTTP API.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CadenceClient } from './http.js';
import { importAll, printSummary } from './importFiles.js';

const usage = `usage: npm run import -- --space "<name>" [--url http://localhost:3000] [--email you@x --password …] [--week YYYY-Www] <files or folders>
  --email/--password default to $CADENCE_EMAIL / $CADENCE_PASSWORD; the space is created when you have none of that name.`;

/** Markdown files of the arguments; folders are searched recursively. */
function collect(paths: string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    const stat = fs.statSync(p, { throwIfNoEntry: false });
    if (!stat) throw new Error(`no such file or folder: ${p}`);
    if (stat.isDirectory()) {
      for (const e of fs.readdirSync(p, { recursive: true, withFileTypes: true })) {
        if (e.isFile() && /\.(md|markdown)$/i.test(e.name)) out.push(path.join(e.parentPath, e.name));
      }
    } else out.push(p);
  }
  return [...new Set(out)].sort();
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      space: { type: 'string' },
      url: { type: 'string', default: process.env.CADENCE_URL ?? 'http://localhost:3000' },
      email: { type: 'string', default: process.env.CADENCE_EMAIL },
      password: { type: 'string', default: process.env.CADENCE_PASSWORD },
      week: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return console.log(usage);
  if (!values.space || positionals.length === 0 || !values.email || !values.password) {
    console.error(usage);
    process.exitCode = 64;
    return;
  }
  const files = collect(positionals);
  if (!files.length) throw new Error('no .md files found in the given paths');
  const client = new CadenceClient(values.url!);
  await client.signIn(values.email, values.password);
  const space = await client.spaceNamed(values.space);
  console.log(`${space.created ? 'Created' : 'Using'} space "${values.space}"; importing ${files.length} file(s) into ${values.url}`);
  const outcomes = await importAll(client, space.id, files.map((f) => ({ name: f, body: fs.readFileSync(f) })), { week: values.week });
  printSummary(outcomes);
  if (outcomes.some((o) => o.result === 'skipped')) process.exitCode = 1;
}

main().catch((e) => {
  console.error(`import: ${(e as Error).message}`);
  process.exitCode = 1;
});
