import type { Db } from '../db/client.js';
import type { DocStore } from '../db/docStore.js';
import { badRequest } from '../errors.js';
import { itemBlocks, type ItemKey } from '../../shared/blocks/index.js';
import { extractItems } from '../../shared/extract.js';
import { notice, noticeView, type ImportNoticeView } from '../../shared/importNotices.js';
import { lostLinesAt } from '../../shared/markdown/lostLines.js';
import { BRACKETS_MAX, NESTING_MAX, tooDeeplyNested } from '../../shared/markdown/nesting.js';
import { reportReader } from '../../shared/markdown/parse.js';
import { linkImportedProjects, type ProjectLink } from '../rollups/projects.js';
import { takeSnapshot } from './history.js';
import { createReport, type ReportRow } from './reports.js';
import { listMembers } from './spaces.js';
import { WEEK_HINT } from '../../shared/week.js';
import { MarkdownTooSlow, markdownBlocksInWorkers } from './markdownWorkers.js';
import { nextTurn } from '../nextTurn.js';
import { encodeInWorker } from '../workers/docWorkers.js';

/** Decodes an upload as UTF-8 text; empty, binary or non-UTF-8 bodies are refused with the reason. */
export function decodeMarkdown(bytes: Uint8Array): string {
  if (bytes.byteLength === 0) throw badRequest('empty_file', 'The file is empty.');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw badRequest('not_utf8', 'The file is not valid UTF-8 text; export the report as Markdown (UTF-8) and try again.');
  }
  if (text.includes('\u0000') || (text.match(/[\u0001-\u0008\u000E-\u001F]/g)?.length ?? 0) > text.length / 100) {
    throw badRequest('binary_file', 'The file looks binary, not a Markdown report.');
  }
  if (text.replace(/^\uFEFF/, '').trim() === '') throw badRequest('empty_file', 'The file has only blank lines.');
  return text;
}

export interface ImportResult {
  report: Pick<ReportRow, 'id' | 'week'>;
  /** How many items of each list (`okrs`, `kpis`, `incidents`, `projects`, `risks`…) the report holds. */
  counts: Record<ItemKey, number>;
  /** The contract's English sentences: each warning's `message`. */
  warnings: string[];
  /** What import decided beyond the text: the names it took as projects of nearby weeks (issue 12); English, as `warnings`. */
  notes: string[];
  /** The warnings, then the notes, as codes with parameters (shared/importNotices.ts): what the web app words in its language. */
  notices: ImportNoticeView[];
  links: ProjectLink[];
}

/**
 * Imports take turns within a process: a 2 MB file is seconds of this thread's work (the document built, stored and
 * indexed), and several at once held every socket and request of the process for all of them together (three: 15 s).
 */
let importTurn: Promise<unknown> = Promise.resolve();
export function inImportTurn<T>(work: () => Promise<T>): Promise<T> {
  const run = importTurn.then(work, work);
  importTurn = run.catch(() => {});
  return run;
}

/**
 * A Markdown report → a new report of the space, its document stored with the row in one step
 * (createReport), and, for a person's import (`importedBy`), kept as the first version of its history. Never overwrites: an existing week is 409 week_exists and nothing is written.
 */
export async function importMarkdown(db: Db, store: DocStore, spaceId: string, text: string, week?: string | null, importedBy?: string): Promise<ImportResult> {
  // Before any parsing: each level of nesting is a level of recursion (or worse) in the parser, the tree walk and Yjs.
  const deep = tooDeeplyNested(text);
  if (deep?.brackets !== undefined) {
    throw badRequest('too_many_brackets', `Line ${deep.line} is in a paragraph with more than ${BRACKETS_MAX} square brackets; a blank line between its lines makes them paragraphs of their own.`);
  }
  if (deep) {
    throw badRequest('too_deeply_nested', `Line ${deep.line} nests quotes, lists, emphasis or links about ${deep.depth} levels deep; a report may nest at most ${NESTING_MAX}.`);
  }
  // Owners written by name (`负责人：张三`) are the space's members of that name.
  const people = (await listMembers(db, spaceId)).map((m) => ({ id: m.userId, name: m.name }));
  // parseReport, the Markdown parsed in worker threads (a long file's pieces while this thread reads the ones before).
  const reader = reportReader(text, { week, people });
  try {
    for await (const node of markdownBlocksInWorkers(reader.source)) reader.read(node);
  } catch (e) {
    if (e instanceof MarkdownTooSlow) {
      throw badRequest('too_complex', `Reading the file's Markdown took longer than ${e.budgetMs / 1000} s, far longer than any report: it is built to be slow to read (thousands of unmatched * and _, or of nested quotes and lists, in one paragraph).`);
    }
    throw e;
  }
  const parsed = reader.done();
  await nextTurn();
  if (!parsed.week && parsed.impossibleTitle) {
    throw badRequest('invalid_week', `The title names week ${parsed.impossibleTitle}, which does not exist: a report's week is ${WEEK_HINT}.`);
  }
  if (!parsed.week) {
    throw badRequest('not_a_report', 'The file has no "# YYYY-Www" title line (such as "# 2024-W12") and no ?week= was given, so its week is unknown.');
  }
  if (!parsed.recognised) {
    throw badRequest('not_a_report', 'The file does not look like a weekly report: no title week, no "Created:" line, and no 【…】 sections, objectives, key projects, KPIs or incidents.');
  }
  const warnings = parsed.warnings.map((w) => noticeView(w, 'warning'));
  const lost = lostLinesAt(text, parsed.doc, parsed.fieldGroups);
  if (parsed.unknownPeople.length) {
    // Named as written, but never a whole file echoed back: at most 20 names of at most 40 characters (as lostLines' 80).
    const names = parsed.unknownPeople.slice(0, 20).map((n) => (n.length > 40 ? `${n.slice(0, 40)}…` : n));
    warnings.push(noticeView(notice('import.unknownOwners', { names: names.join('、') + (parsed.unknownPeople.length > 20 ? '…' : '') }), 'warning'));
  }
  if (lost.length) warnings.push(noticeView(notice('import.lostLines', { count: lost.length, line: lost[0].line, text: lost[0].text.trim().slice(0, 80) }), 'warning'));
  await nextTurn();

  // Names of projects: the space's projects they are, or the nearest weeks' written differently (`实时数仓项目` → `实时数仓`).
  const links = await linkImportedProjects(db, spaceId, parsed.week, parsed.doc, parsed.year);
  const notes = links.map((l) => noticeView(notice('import.projectLinked', { name: l.name, linkedTo: l.linkedTo, week: l.week }), 'note'));

  const update = await encodeInWorker(parsed.doc);
  const report = await createReport(db, store, spaceId, parsed.week, update);
  // The report as imported is a version of its history, so it can be read and restored after any edit (a walkthrough
  // found the oldest version already held the first keystroke after the import).
  if (importedBy) await takeSnapshot(db, report.id, update, 'import', [importedBy]);

  const items = extractItems(parsed.doc, parsed.year);
  return {
    report: { id: report.id, week: report.week },
    counts: Object.fromEntries(itemBlocks.map((b) => [b.items.key, items[b.items.key].length])) as Record<ItemKey, number>,
    warnings: warnings.map((w) => w.message),
    notes: notes.map((n) => n.message),
    notices: [...warnings, ...notes],
    links,
  };
}
