import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { blocks, itemBlocks, okrStatuses, reportSchema, searchKinds } from '../../shared/blocks/index.js';
import { riskSeverities, riskStatuses } from '../../shared/blocks/risk.js';
import { locales } from '../../shared/i18n.js';
import { importNoticeCodes } from '../../shared/importNotices.js';
import { roles } from '../../shared/roles.js';
import { unlistedAttrs } from '../../web/editor/concurrentFields.js';

/**
 * Issue 13: the catalogues (web/i18n/zh-CN.json, en.json) have the same keys, and every key the web app asks for
 * is in both: the keys written in code (`t('…')`, `i18n.t('…')`, `i18nKey="…"`), and the keys the app builds from
 * lists (roles, item kinds, the registry's blocks, statuses, notification kinds, and every error code the server
 * can answer with). A key missing in either language fails here, naming it.
 */
const root = path.resolve(import.meta.dirname, '../..');
const read = (p: string) => fs.readFileSync(path.join(root, p), 'utf8');
const catalogue = (locale: string) => JSON.parse(read(`web/i18n/${locale}.json`)) as Record<string, unknown>;

/** Dotted keys of a nested catalogue, plural forms (`_one`, `_other`…) folded into their base key. */
function keysOf(o: Record<string, unknown>, prefix = ''): Set<string> {
  const out = new Set<string>();
  for (const [k, v] of Object.entries(o)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object') keysOf(v as Record<string, unknown>, key).forEach((x) => out.add(x));
    else {
      expect(typeof v, `${key} is a string`).toBe('string');
      expect((v as string).trim(), `${key} is not empty`).not.toBe('');
      out.add(key.replace(/_(zero|one|two|few|many|other)$/, ''));
    }
  }
  return out;
}

const keys = Object.fromEntries(locales.map((l) => [l, keysOf(catalogue(l))])) as Record<(typeof locales)[number], Set<string>>;

function files(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const p = `${dir}/${e.name}`;
    return e.isDirectory() ? files(p) : /\.(ts|tsx)$/.test(e.name) ? [p] : [];
  });
}

/** Keys written literally in the web app's code. */
function keysInCode(): Map<string, string> {
  const found = new Map<string, string>();
  const patterns = [/\bt\(\s*'([^'$`]+)'/g, /\bt\(\s*"([^"$`]+)"/g, /i18nKey="([^"]+)"/g, /\bexists\(\s*'([^'$`]+)'/g];
  for (const f of files('web')) {
    const src = read(f);
    for (const re of patterns) for (const m of src.matchAll(re)) if (!found.has(m[1])) found.set(m[1], f);
  }
  return found;
}

/** Every error code the server (and its auth) can answer with, read from the server's code. */
function serverErrorCodes(): string[] {
  const codes = new Set<string>();
  const patterns = [
    /\b(?:badRequest|conflict)\(\s*'([a-z0-9_]+)'/g,
    /new AppError\(\s*\d+\s*,\s*'([a-z0-9_]+)'/g,
    /errorBody\(\s*'([a-z0-9_]+)'/g,
    /\bcode\s*[:=]\s*(?:[^'\n]*\?\s*)?'([a-z0-9_]+)'/g,
    /\bcode: '([A-Z0-9_]+)'/g,
    /refuse\('([A-Z0-9_]+)'/g,
  ];
  // server/config.ts validates the process's configuration (zod's own issue codes): nobody using the app sees those.
  for (const f of files('server').filter((x) => x !== 'server/config.ts')) {
    const src = read(f);
    for (const re of patterns) for (const m of src.matchAll(re)) codes.add(m[1]);
  }
  // Named in helpers rather than at the call (server/errors.ts), and the client's own.
  for (const c of ['unauthorized', 'forbidden', 'not_found', 'too_large', 'network', 'http_error', 'internal', 'rate_limited']) codes.add(c);
  // better-auth's answers to the sign-in and sign-up forms.
  for (const c of ['INVALID_EMAIL_OR_PASSWORD', 'INVALID_EMAIL', 'USER_ALREADY_EXISTS', 'USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL', 'PASSWORD_TOO_SHORT', 'PASSWORD_TOO_LONG', 'VALIDATION_ERROR']) codes.add(c);
  return [...codes].sort();
}

/** Every import notice code the server and shared/ give (`notice('import.…', …)`), read from their code. */
function noticeCodesInCode(): Map<string, string> {
  const found = new Map<string, string>();
  for (const f of [...files('shared'), ...files('server')]) {
    for (const m of read(f).matchAll(/\bnotice\(\s*'([A-Za-z.]+)'/g)) if (!found.has(m[1])) found.set(m[1], f);
  }
  return found;
}

/** A string type's members, read from its declaration (`export type X = 'a' | 'b'`). */
function unionOf(file: string, type: string): string[] {
  const m = new RegExp(`type ${type} = ([^;]+);`).exec(read(file));
  expect(m, `${type} in ${file}`).not.toBeNull();
  return [...m![1].matchAll(/'([^']+)'/g)].map((x) => x[1]);
}

/** Keys the app builds from lists: `t(\`roles.${role}\`)` and the like. */
function builtKeys(): string[] {
  const slashText = [...read('web/editor/slash/items.ts').matchAll(/\bid: '([A-Za-z0-9]+)'/g)].map((m) => m[1]);
  return [
    ...roles.flatMap((r) => [`roles.${r}`, `roleHelp.${r}`]),
    ...locales.map((l) => `language.${l}`),
    ...searchKinds.map((k) => `search.kind.${k}`),
    ...blocks.flatMap((b) => (b.slash ? [`blocks.${b.name}.title`, `blocks.${b.name}.hint`] : [])),
    ...blocks.flatMap((b) => (b.label ? [`blocks.${b.name}.label`] : [])),
    ...slashText.flatMap((id) => [`blocks.${id}.title`, `blocks.${id}.hint`]),
    ...okrStatuses.map((s) => `okrStatus.${s}`),
    ...riskSeverities.map((s) => `risk.severity.${s}`),
    ...riskStatuses.map((s) => `risk.status.${s}`),
    ...unionOf('shared/api/comments.ts', 'NotificationKind').map((k) => `inbox.kind.${k}`),
    ...unionOf('server/domain/history.ts', 'SnapshotReason').map((r) => `history.reason.${r}`),
    ...serverErrorCodes().map((c) => `errors.${c}`),
    // The dashboard's open-items panels (web/i18n/blocks.ts openTitle): without an entry the registry's English shows.
    ...itemBlocks.filter((b) => b.items.open).map((b) => `${b.items.kind}.openTitle`),
    // Import's warnings and notes, worded by the dialog from their codes (shared/importNotices.ts).
    ...importNoticeCodes.map((c) => `notices.${c}`),
    // The editor's field words (web/editor/blocks/fieldText.ts reads `fields.<key>` through its own helper).
    ...[...read('web/editor/blocks/fieldText.ts').matchAll(/\bfield\('([^']+)'/g)].map((m) => `fields.${m[1]}`),
  ];
}

describe('the interface catalogues', () => {
  it('name every field of the registry\'s blocks (a value two people set at once is listed by its field)', () => {
    const fields = blocks.flatMap((b) => Object.keys(reportSchema().nodes[b.name].spec.attrs ?? {})
      .filter((a) => !unlistedAttrs.has(a)).map((a) => [b.name, a] as const));
    expect(fields.length).toBeGreaterThan(20);
    for (const l of locales) {
      const missing = fields.filter(([b, a]) => !keys[l].has(`concurrent.fields.${b}.${a}`) && !keys[l].has(`concurrent.fields.any.${a}`));
      expect(missing.map(([b, a]) => `${b}.${a}`), `field names missing in ${l}`).toEqual([]);
    }
  });

  it('have the same keys in every language', () => {
    for (const a of locales) for (const b of locales) {
      if (a === b) continue;
      expect([...keys[a]].filter((k) => !keys[b].has(k)), `keys in ${a} missing in ${b}`).toEqual([]);
    }
    console.log(`catalogues: ${keys['zh-CN'].size} keys in each of ${locales.join(', ')}`);
  });

  it('have every key the code asks for, in every language', () => {
    const used = keysInCode();
    expect(used.size).toBeGreaterThan(100);
    for (const l of locales) {
      const missing = [...used].filter(([k]) => !keys[l].has(k)).map(([k, f]) => `${k} (${f})`);
      expect(missing, `keys used in code but missing in ${l}`).toEqual([]);
    }
    console.log(`keys written in code: ${used.size}`);
  });

  it('have the keys built from lists: roles, kinds, blocks and their `/` entries, statuses, and every server error code', () => {
    const built = builtKeys();
    for (const l of locales) expect(built.filter((k) => !keys[l].has(k)), `built keys missing in ${l}`).toEqual([]);
    expect(built).toContain('blocks.heading1.title');
    console.log(`keys built from lists: ${built.length}, error codes among them: ${serverErrorCodes().length} (${serverErrorCodes().join(' ')})`);
  });

  it('have every import warning and note code the server gives, in every language', () => {
    const emitted = noticeCodesInCode();
    // The ones given today: the two week warnings (shared/markdown/parse.ts), lost lines and project links (server/domain/importReport.ts).
    expect([...emitted.keys()].sort()).toEqual([...importNoticeCodes].sort());
    for (const l of locales) {
      const missing = [...emitted].filter(([c]) => !keys[l].has(`notices.${c}`)).map(([c, f]) => `notices.${c} (${f})`);
      expect(missing, `import notice codes missing in ${l}`).toEqual([]);
    }
  });

  it('the check itself: a key dropped from a catalogue is reported', () => {
    const zh = catalogue('zh-CN') as { auth: Record<string, string> };
    delete zh.auth.signIn;
    expect(keysOf(zh).has('auth.signIn')).toBe(false);
    expect(keysInCode().has('auth.signIn')).toBe(true);
  });
});
