import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connect, signedUp, spaceWith, type TestUser } from '../helpers/client.js';
import type { DocNode } from '../../shared/blocks/types.js';
import { samplesDir } from '../helpers/samples.js';

const samples = fs.readdirSync(samplesDir).filter((f) => f.endsWith('.md')).sort();

let s: TestServer;
let own: TestUser;

const find = (doc: DocNode, type: string): DocNode[] => [...(doc.type === type ? [doc] : []), ...(doc.content ?? []).flatMap((c) => find(c, type))];
const text = (n: DocNode): string => (n.text ?? '') + (n.content ?? []).map(text).join('');

beforeAll(async () => {
  s = await startTestServer();
  [own] = await signedUp(s.base, 'Own');
});
afterAll(async () => {
  await s?.close();
});

describe('next week from the real samples', () => {
  it('has samples to read', () => expect(samples.length).toBe(3));

  for (const file of samples) {
    it(`carries ${file} forward`, async () => {
      const spaceId = await spaceWith(own, [], file);
      const md = fs.readFileSync(path.join(samplesDir, file), 'utf8');
      const imported = await own.call('POST', `/api/spaces/${spaceId}/import`, md, { 'content-type': 'text/markdown' });
      expect(imported.status, imported.text).toBe(201);
      const from = imported.json.report;
      const before = (await own.call('GET', `/api/reports/${from.id}/items`)).json;
      expect(before.okrs.length).toBeGreaterThan(0);
      expect(before.incidents.length).toBeGreaterThan(0);

      const next = await own.call('POST', `/api/reports/${from.id}/next`);
      expect(next.status, next.text).toBe(201);
      const after = (await own.call('GET', `/api/reports/${next.json.id}/items`)).json;

      // Every OKR item, in order, with its objective, project, progress, due date, status; linked to its source.
      const key = (o: any) => [o.objective, o.project, o.progress, o.due, o.status];
      expect(after.okrs.map(key)).toEqual(before.okrs.map(key));
      expect(after.okrs.map((o: any) => o.fromId)).toEqual(before.okrs.map((o: any) => o.blockId));
      expect(after.okrs.map((o: any) => o.text)).toEqual(before.okrs.map((o: any) => o.text));
      // KPI metrics carried with empty values; projects carried; no incidents.
      expect(after.kpis.map((k: any) => [k.name, k.unit, k.target])).toEqual(before.kpis.map((k: any) => [k.name, k.unit, k.target]));
      expect(after.kpis.every((k: any) => k.value === null)).toBe(true);
      expect(after.projects.map((p: any) => p.project)).toEqual(before.projects.map((p: any) => p.project));
      expect(after.incidents).toEqual([]);

      // Last week's 下周工作及目标 is the checklist at the top of the new report.
      const conn = connect(own, next.json.id);
      await conn.synced;
      const doc = yXmlFragmentToProsemirrorJSON(conn.frag) as DocNode;
      conn.close();
      const plan = md.split('\n').slice(md.split('\n').findIndex((l) => /^#+\s*下周/.test(l)) + 1)
        .map((l) => l.replace(/^\s*(\d+\.|[-*])\s*/, '').trim()).filter(Boolean);
      const firstList = doc.content!.findIndex((n) => n.type === 'taskList');
      expect(firstList).toBeGreaterThanOrEqual(0);
      expect(firstList).toBeLessThanOrEqual(2); // below the title and the checklist's heading
      const tasks = find(doc.content![firstList], 'taskItem').map(text);
      expect(tasks.length).toBeGreaterThan(0);
      for (const t of tasks) expect(plan.some((line) => line.includes(t) || t.includes(line)), t).toBe(true);
    });
  }
});
