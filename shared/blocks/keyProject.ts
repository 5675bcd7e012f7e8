import type { BlockContent, DefinitionContent, ListItem, RootContent } from 'mdast';
import { block, dropLeading, firstParagraphText, list, paragraph } from '../markdown/mdastToDoc.js';
import { fieldsText } from '../markdown/fields.js';
import { attr, itemNode, newBlockId } from './attrs.js';
import { ownersAttr, ownersOf, ownersValue } from './owners.js';
import { defineBlock, type ReadContext, type SectionReader } from './def.js';
import { nodeText, str, strOrNull } from './text.js';
import type { DocNode, ProjectItem } from './types.js';

/** `【贝易转（C转）】…` at the start of a line names a key project: its name and the length of the title. */
export function keyProjectTitle(firstLine: string): { name: string; length: number } | null {
  const m = /^\s*【([^】]{1,40})】/.exec(firstLine);
  return m && m[1].trim() ? { name: m[1].trim(), length: m[0].length } : null;
}

const newProject = (name: string, content: DocNode[], owners: string[] = []): DocNode =>
  ({ type: 'keyProject', attrs: { blockId: newBlockId(), project: name, owners: ownersValue(owners) }, content });

/** The rest of a title line: owners written after the name (`【贝易转】（负责人：张三、李四）`) are taken into the field. */
function titleRest(rest: DocNode, ctx: ReadContext): { rest: DocNode; owners: string[] } {
  const fields = ctx.takeFields(rest, ['负责人']);
  return { rest, owners: fields ? ctx.personIds(fields['负责人']) : [] };
}

/**
 * What a `- 【name】` item holds: its lists' `- 【生产事件】…`, `- 【系统运行数据】…` and `- 【OKR】…` items become the
 * incidents, KPI tables and OKR items they were exported from (ctx.nestedBlock), every other item stays in its list.
 */
function projectContent(nodes: (BlockContent | DefinitionContent)[], ctx: ReadContext): DocNode[] {
  return nodes.flatMap((c) => {
    if (c.type !== 'list') return block(c, ctx.source);
    const out: DocNode[] = [];
    let plain: ListItem[] = [];
    for (const item of c.children) {
      const nested = ctx.nestedBlock(item);
      if (!nested) {
        plain.push(item);
        continue;
      }
      if (plain.length) out.push(list(c, plain, ctx.source));
      plain = [];
      out.push(nested);
    }
    if (plain.length) out.push(list(c, plain, ctx.source));
    return out;
  });
}

/**
 * Top-level `- 【name】` items become key projects holding their nested content; other items stay a list. Under a
 * `### 【name】` heading (`inProject`), one starting with a section's heading (`- 【生产事件】3/21 15:43 …`, as export
 * writes a project's blocks) is that block inside the project, as in projectContent, not a project named after the
 * section (a bare `- 【生产事件】` starts the section: ../markdown/parse.ts).
 */
function keyProjects(node: RootContent, ctx: ReadContext, inProject = false): DocNode[] {
  if (node.type !== 'list') return block(node, ctx.source);
  const out: DocNode[] = [];
  let plain: ListItem[] = [];
  const flush = () => {
    if (plain.length) out.push(list(node, plain, ctx.source));
    plain = [];
  };
  for (const item of node.children) {
    const nested = inProject ? ctx.nestedBlock(item) : null;
    if (nested) {
      flush();
      out.push(nested);
      continue;
    }
    const title = keyProjectTitle(firstParagraphText(item, ctx.source));
    if (!title) {
      plain.push(item);
      continue;
    }
    flush();
    // The `【name】` title is the block's project field (shown as its heading); the rest of that line stays text.
    const [first, ...rest] = projectContent(item.children, ctx);
    const { rest: remainder, owners } = titleRest(paragraph(dropLeading(first.content ?? [], title.length)), ctx);
    const content = remainder.content ? [remainder, ...rest] : rest;
    out.push(newProject(title.name, content.length ? content : [paragraph()], owners));
  }
  flush();
  return out;
}

/** `【重点工作】` (and the top of a report): `- 【name】` items, or `### 【name】` headings with what follows them. */
function reader(ctx: ReadContext, { preamble }: { preamble: boolean }): SectionReader {
  let headed: { node: DocNode; depth: number } | null = null;
  return {
    take(node) {
      if (headed && (node.type !== 'heading' || node.depth > headed.depth)) {
        // Under a `### 【name】` heading: its content, up to the next heading as high.
        headed.node.content!.push(...(node.type === 'heading' ? block(node, ctx.source) : keyProjects(node, ctx, true)));
        return true;
      }
      headed = null;
      return false;
    },
    heading(node, heading, text) {
      const title = !preamble && node.depth >= 3 ? keyProjectTitle(text) : null;
      if (!title) return false;
      const { rest, owners } = titleRest(paragraph(dropLeading(heading.content ?? [], title.length)), ctx);
      const project = newProject(title.name, rest.content ? [rest] : [], owners);
      ctx.out.push(project);
      headed = { node: project, depth: node.depth };
      return true;
    },
    read(node) {
      ctx.out.push(...keyProjects(node, ctx));
    },
  };
}

/** Key project: a titled section (`- 【贝易转】` at the top of a report) holding rich content. */
export const keyProject = defineBlock({
  name: 'keyProject',
  node: itemNode('keyProject', 'block+', { ...attr('project', ''), ...attr('projectKey'), ...ownersAttr() }, 'section'),
  extract(node: DocNode): ProjectItem {
    return { blockId: str(node.attrs?.blockId), project: str(node.attrs?.project).trim(), text: nodeText(node), projectKey: strOrNull(node.attrs?.projectKey), owners: ownersOf(node.attrs) };
  },
  items: {
    key: 'projects',
    kind: 'project',
    label: 'Key project',
    row: (r) => ({ text: r.text, project: r.project || null, projectKey: r.projectKey }),
    owners: (r) => r.owners,
    search: (r) => ({ project: r.project || null, progress: null, text: r.project && !r.text.includes(r.project) ? `【${r.project}】\n${r.text}` : r.text }),
  },
  container: true,
  projectAttr: 'projectKey',
  editor: { fields: '.cb-project-title, .cb-owners-select', exitOnEmptyLine: true },
  slash: {
    title: 'Key project', hint: '【Project】 section with nested content', icon: '【】',
    keywords: ['key', 'project', 'section', '重点', '项目', '重点工作'],
    content: () => [{ type: 'keyProject', attrs: { blockId: newBlockId() }, content: [{ type: 'paragraph' }] }],
    focus: '.cb-project-title',
  },
  markdown: {
    section: {
      match: (text) => (/^(重点工作|重点项目|关键项目)$/.test(text.replace(/[【】[\]\s]/g, '')) ? {} : null),
      heading: '【重点工作】',
      preamble: true,
      reader,
    },
    /** `- 【name】` then its content, indented. */
    export(node, w) {
      const name = String(node.attrs?.project ?? '').trim().replace(/[【】]/g, '');
      const content = (node.content ?? []).filter((b, i) => i > 0 || nodeText(b).trim() !== '' || b.type !== 'paragraph');
      const owners = ownersOf(node.attrs);
      const group = owners.length ? fieldsText([['负责人', owners.map((id) => w.personName(id) ?? id).join('、')]]) : null;
      return [{ text: w.item('- ', [{ type: 'paragraph', content: [{ type: 'text', text: `【${name || '项目'}】${group ?? ''}` }] }, ...content]), list: true }];
    },
    shownText: (node, inner) => `【${String(node.attrs?.project ?? '')}】\n${inner}`,
    finish(node) {
      if (!node.content?.length) node.content = [paragraph()];
    },
  },
  carry: (copy) => copy,
  ownerIds: ownersOf,
  label: (a, text) => `Project · ${a.project || text}`,
});
