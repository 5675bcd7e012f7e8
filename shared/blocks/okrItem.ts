import type { ListItem, RootContent } from 'mdast';
import { block, paragraph, paragraphFirst, withoutPrefix } from '../markdown/mdastToDoc.js';
import { fieldsText } from '../markdown/fields.js';
import { withFirstParagraph } from '../markdown/write.js';
import { dueFrom, progressFigures, progressFrom, projectName } from '../parse/okrText.js';
import { isoDay } from '../parse/dateInput.js';
import { attr, itemNode, newBlockId } from './attrs.js';
import { ownersAttr, ownersOf, ownersValue } from './owners.js';
import { defineBlock, type MarkdownWriter, type ReadContext, type SectionReader } from './def.js';
import { nodeText, numOrNull, oneOf, str, strOrNull } from './text.js';
import { okrStatuses, type DocNode, type ExtractContext, type OkrItem, type OkrStatus } from './types.js';

/**
 * What the editor suggests for fields left empty, read from the text (`进度95%`, `计划3/28上线`), in the report's year
 * (with its month, a date months behind it is next year's, as the date field and import read it):
 * the item's overall progress when the text states one, else each sub-part's figure to pick from (`parts`).
 * Suggestions are never items' values: only what is in the block's fields counts (extract).
 */
function suggest(text: string, year: number, reportMonth?: number) {
  const progress = progressFrom(text);
  const figures = progressFigures(text);
  return {
    project: projectName(text),
    progress,
    due: dueFrom(text, year, reportMonth),
    parts: progress === null && figures.length > 1 ? figures.map(({ value, label }) => ({ value, label })) : [],
  };
}

/** The item as its fields say: progress and go-live only when set (a suggestion nobody accepted is not a value). */
function extract(node: DocNode, ctx: ExtractContext): OkrItem {
  const a = node.attrs ?? {};
  const text = nodeText(node);
  const progress = numOrNull(a.progress);
  const due = strOrNull(a.due);
  return {
    blockId: str(a.blockId),
    objective: ctx.objective,
    // The name is the item's identity, not a figure: the text's first words when the field is empty.
    project: str(a.project).trim() || projectName(text),
    text,
    progress: progress === null ? null : Math.max(0, Math.min(100, progress)),
    due: isoDay(due),
    status: oneOf(a.status, okrStatuses),
    owner: ownersOf(a)[0] ?? null,
    owners: ownersOf(a),
    fromId: strOrNull(a.fromId),
    projectKey: strOrNull(a.projectKey),
  };
}

/** The owner attributes for a list of members: the first also in the older single `owner`. */
const ownerAttrs = (ids: string[]) => ({ owner: ids[0] ?? null, owners: ownersValue(ids) });

/** What the OKR statuses are called in a report's fields group (`状态：有风险`). */
export const okrStatusWords: Record<OkrStatus, string> = { on_track: '正常', at_risk: '有风险', blocked: '受阻', done: '已完成' };
const FIELD_LABELS = ['项目', '进度', '上线', '状态', '负责人'] as const;

/** A list item's marker as written: `-`, `*`, `+`, or the delimiter of a numbered one (`.` of `1.`, `)` of `1)`). */
export function listMarker(item: ListItem, source: string): string | null {
  const start = item.position?.start.offset;
  if (start === undefined) return null;
  const m = /^\s*(?:([-*+])|\d{1,9}([.)]))/.exec(source.slice(start, start + 12));
  return m ? (m[1] ?? m[2]) : null;
}

/**
 * One top-level item of an objective section → one OKR item, nested lines inside it, fields read from its text;
 * a trailing fields group (`（负责人：张三 · 状态：有风险）`, as export writes it) is taken off the text into the fields.
 * `nested`: an item inside a key project (`- 【OKR】…`, as okrNested writes it), its leading `【OKR】` taken off first.
 */
export function okrItemFromMarkdown(item: ListItem, ctx: ReadContext, nested = false, underTitle: string | null = null): DocNode {
  const blocks = item.children.flatMap((c) => block(c, ctx.source));
  // An item's text is its first paragraph, even when Markdown read it as a heading (`1. ## …`, a stray `-` under it).
  if (blocks[0]?.type === 'heading') blocks[0] = paragraph(blocks[0].content ?? []);
  const content = paragraphFirst(blocks);
  if (nested) content[0] = withoutPrefix(content[0], NO_OBJECTIVE_HEADING);
  const fields = ctx.takeFields(content[0], FIELD_LABELS) ?? {};
  if (!content[0].content?.length && content.length === 1) content[0] = paragraph();
  const node: DocNode = { type: 'okrItem', attrs: {}, content };
  const text = nodeText(node);
  const progress = fields['进度'] !== undefined ? numOrNull(fields['进度'].replace(/[%％]$/, '')) : progressFrom(text);
  const due = isoDay(fields['上线']) ?? dueFrom(text, ctx.year, ctx.month);
  const status = (Object.keys(okrStatusWords) as OkrStatus[]).find((k) => okrStatusWords[k] === fields['状态']) ?? null;
  node.attrs = {
    blockId: newBlockId(),
    project: fields['项目'] ?? (projectName(text) || underTitle || ''),
    progress,
    due,
    status,
    ...ownerAttrs(fields['负责人'] ? ctx.personIds(fields['负责人']) : []),
    fromId: null,
    // Inside a key project export wrote the `-`, not the report's author.
    marker: nested ? null : listMarker(item, ctx.source),
  };
  return node;
}

/** A section of OKR items (an objective's, or `## 【OKR】`): each top-level list item is one OKR item. */
export function okrSectionReader(ctx: ReadContext): SectionReader {
  // A name on a line of its own with a bulleted list right under it (`AI影像数字化（DocAI）` then
  // `- AI自动初审占比61.09%，…`): an item there whose text gives it no name of its own is that project's. (Items with
  // names of their own keep them: the line may be any heading-like line over items of several projects.)
  let title: string | null = null;
  return {
    read(node: RootContent) {
      if (node.type === 'list') {
        const under = node.ordered ? null : title;
        let previous = '';
        for (const item of node.children) {
          const okr = okrItemFromMarkdown(item, ctx, false, under);
          // `1. 银企M6V机房迁移：…` then `2. 整体进度95%；剩余加密机待迁移`: an item that is only a progress statement
          // goes on with the item above it, not a project of its own (nor an item of no project).
          if (!okr.attrs!.project && previous && CONTINUES.test(nodeText(okr))) okr.attrs!.project = previous;
          previous = String(okr.attrs!.project ?? '');
          ctx.out.push(okr);
        }
        title = null;
        return;
      }
      const blocks = block(node, ctx.source);
      title = node.type === 'paragraph' && blocks.length === 1 ? projectTitle(nodeText(blocks[0])) : null;
      ctx.out.push(...blocks);
    },
  };
}

/** Text that opens with the progress of something named before it (`整体进度95%`, `总体进度：60%`, `进度80%`). */
const CONTINUES = /^\s*(?:整体|总体|目前|当前)?\s*进度\s*(?:达到了?|为|[：:])?\s*\d/;

/** A line that is only a name: short, one line, no sentence punctuation, no figure. */
function projectTitle(text: string): string | null {
  const t = text.trim();
  return t.length >= 2 && t.length <= 30 && !/[\n，。；：,;:!?！？%％]/.test(t) ? t : null;
}

/** `【OKR】`: the heading export writes before OKR items outside any objective section (never a sample's heading). */
export const NO_OBJECTIVE_HEADING = '【OKR】';

/**
 * OKR item content with every field the text alone would not give back written into it as a trailing fields group:
 * project, progress, go-live, status and owner (by name).
 */
function okrContent(node: DocNode, w: Pick<MarkdownWriter, 'year' | 'month' | 'personName'>): DocNode[] {
  const a = node.attrs ?? {};
  const content = node.content ?? [];
  const text = nodeText({ type: 'okrItem', content });
  const project = String(a.project ?? '').trim();
  const raw = numOrNull(a.progress);
  const progress = raw === null ? null : Math.max(0, Math.min(100, raw)); // as extract() reads it
  const due = isoDay(a.due);
  const status = oneOf(a.status, okrStatuses);
  const owners = ownersOf(a);
  const group = fieldsText([
    ['项目', project && projectName(text) !== project ? project : null],
    ['进度', progress !== null && progressFrom(text) !== progress ? `${progress}%` : null],
    ['上线', due && dueFrom(text, w.year, w.month) !== due ? due : null],
    ['状态', status ? okrStatusWords[status] : null],
    ['负责人', owners.length ? owners.map((id) => w.personName(id) ?? id).join('、') : null],
  ]);
  return group ? withFirstParagraph(content, (inl) => [...inl, { type: 'text', text: group }]) : content;
}

/**
 * Inside a key project, where no section heading can go: one list item starting with the section's heading
 * (`- 【OKR】好店联调（进度：40% · 负责人：张三）`), its other blocks indented under it, so that import reads it back as an
 * OKR item (okrFromNested) with all of its fields rather than as a line of the project's text.
 */
const okrNested = (node: DocNode, w: MarkdownWriter) =>
  w.item('- ', withFirstParagraph(okrContent(node, w), (inl) => [{ type: 'text', text: NO_OBJECTIVE_HEADING }, ...inl]));

/** `- 【OKR】…` inside a key project (as okrNested writes it; ctx.nestedBlock matched the heading) → the OKR item. */
const okrFromNested = (item: ListItem, ctx: ReadContext): DocNode => okrItemFromMarkdown(item, ctx, true);

/** OKR item: project, rich text, progress 0–100, planned go-live date, status, owner. */
export const okrItem = Object.assign(defineBlock({
  name: 'okrItem',
  node: itemNode('okrItem', 'paragraph block*', {
    ...attr('project', ''),
    ...attr('progress', null, 'number'),
    ...attr('due'),
    ...attr('status'),
    ...attr('owner'),
    ...ownersAttr(),
    ...attr('fromId'),
    ...attr('projectKey'),
    // How its list item was written in an imported report (`-`, `*`, `+`, `.`, `)`), kept on export.
    ...attr('marker'),
  }),
  extract,
  items: {
    key: 'okrs',
    kind: 'okr',
    label: 'OKR',
    row: (o) => ({ text: o.text, objective: o.objective, project: o.project || null, progress: o.progress, due: o.due, status: o.status, owner: o.owner, fromId: o.fromId, projectKey: o.projectKey }),
    owners: (o) => o.owners,
    search: (o) => ({ project: o.project || null, progress: o.progress, text: o.text }),
  },
  projectAttr: 'projectKey',
  editor: { leaf: true, fields: '.cb-okr-project, select, .cb-progress-input, .cb-date-input', firstField: '.cb-progress-input', exitAtEnd: true, exitOnEmptyLine: true },
  slash: {
    title: 'OKR item', hint: 'Project, progress, go-live, status, owner', icon: '◎',
    keywords: ['okr', 'item', 'kr', 'progress', '进度', '目标', '事项'],
    content: () => [{ type: 'okrItem', attrs: { blockId: newBlockId() }, content: [{ type: 'paragraph' }] }],
  },
  markdown: {
    // Read in objective sections (objective.ts). One outside any (inserted at the end of a report, or above the
    // first objective) goes under a `## 【OKR】` heading: a bare numbered list there would read back as a list
    // (as the samples' lists outside objective sections must).
    section: {
      match: (text) => (/^【\s*OKR\s*】$/i.test(text.trim()) ? {} : null),
      heading: NO_OBJECTIVE_HEADING,
      alsoIn: 'objective',
      reader: okrSectionReader,
    },
    // Markers as they were written (`-` stays `-`); numbered ones count within their run, new items numbered.
    export: (node, w) => {
      const marker = oneOf(node.attrs?.marker, ['-', '*', '+', '.', ')'] as const) ?? '.';
      const written = marker === '.' || marker === ')' ? `${w.run + 1}${marker} ` : `${marker} `;
      return [{ text: w.item(written, okrContent(node, w)), list: true, marker }];
    },
    // Inside a key project: `- 【OKR】…`, read back inside the project (ctx.nestedBlock finds it by the heading).
    nested: okrNested,
    fromNested: okrFromNested,
    // One inside a key project was read from a `【OKR】` line, which import took off its text.
    shownText: (node, inner, nested) => (nested ? NO_OBJECTIVE_HEADING : '') + inner,
  },
  /** Next week's item continues this one's timeline. */
  carry: (copy, original) => ({ ...copy, attrs: { ...copy.attrs, fromId: original.attrs?.blockId ?? null } }),
  ownerIds: ownersOf,
  label: (a, text) => `OKR · ${a.project || text || 'item'}`,
}), { suggest });
