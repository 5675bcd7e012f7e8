import type { Nodes, Parents, RootContent, TableRow } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { Fragment, useMemo, type ReactNode } from 'react';
import { isSafeHref } from '../../../shared/markdown/safeLink.js';

/**
 * Markdown shown as React elements (a period's summary, a saved document): parsed with the same mdast tooling the
 * import uses (GFM tables, task lists, strikethrough), then each node drawn as its element. Nothing is ever inserted
 * as HTML: raw HTML in the text shows as text, and links with a script or data scheme are plain text.
 */
export function MarkdownView({ markdown, className = '' }: { markdown: string; className?: string }) {
  const tree = useMemo(() => fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] }), [markdown]);
  return <div className={`md-view ${className}`}>{children(tree)}</div>;
}

/** A table cell of at most this many characters is kept on one line (web/pages/dashboard/summary.css `.md-short`). */
const SHORT_CELL = 14;
/** A node's plain text (what a cell shows). */
const textOf = (node: Nodes): string =>
  'value' in node && typeof node.value === 'string' ? node.value : 'children' in node ? (node.children as Nodes[]).map(textOf).join('') : '';

const children = (node: Parents): ReactNode => node.children.map((c, i) => <Fragment key={i}>{draw(c)}</Fragment>);

function draw(node: Nodes | RootContent): ReactNode {
  switch (node.type) {
    case 'heading': {
      const H = `h${Math.min(6, node.depth + 1)}` as 'h2';
      return <H>{children(node)}</H>;
    }
    case 'paragraph': return <p>{children(node)}</p>;
    case 'text': return node.value;
    case 'strong': return <strong>{children(node)}</strong>;
    case 'emphasis': return <em>{children(node)}</em>;
    case 'delete': return <s>{children(node)}</s>;
    case 'inlineCode': return <code>{node.value}</code>;
    case 'code': return <pre><code>{node.value}</code></pre>;
    case 'break': return <br />;
    case 'thematicBreak': return <hr />;
    case 'blockquote': return <blockquote>{children(node)}</blockquote>;
    case 'list': {
      const items = node.children.map((c, i) => <Fragment key={i}>{draw(c)}</Fragment>);
      return node.ordered ? <ol start={node.start ?? undefined}>{items}</ol> : <ul>{items}</ul>;
    }
    case 'listItem': {
      // A tight list's paragraphs are drawn inline, as Markdown renderers do.
      const inner = node.children.map((c, i) => <Fragment key={i}>{c.type === 'paragraph' && node.spread === false ? children(c) : draw(c)}</Fragment>);
      return <li>{typeof node.checked === 'boolean' && <input type="checkbox" checked={node.checked} readOnly disabled aria-hidden />} {inner}</li>;
    }
    case 'link':
      return isSafeHref(node.url) ? <a href={node.url} target="_blank" rel="noreferrer noopener">{children(node)}</a> : <>{children(node)}</>;
    case 'image': return node.alt ?? '';
    case 'table': {
      const [head, ...rows] = node.children;
      const align = node.align ?? [];
      const cells = (row: TableRow, Cell: 'th' | 'td') => row.children.map((c, i) =>
        <Cell key={i} className={textOf(c).length <= SHORT_CELL ? 'md-short' : undefined} style={align[i] ? { textAlign: align[i]! } : undefined}>{children(c)}</Cell>);
      return (
        <div className="md-table-wrap">
          <table>
            {head && <thead><tr>{cells(head, 'th')}</tr></thead>}
            <tbody>{rows.map((r, i) => <tr key={i}>{cells(r, 'td')}</tr>)}</tbody>
          </table>
        </div>
      );
    }
    case 'html': return node.value;
    default:
      return 'children' in node ? children(node as Parents) : 'value' in node ? String((node as { value: unknown }).value) : null;
  }
}
