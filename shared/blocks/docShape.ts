import type { ContentMatch, NodeType } from '@tiptap/pm/model';
import { DOC_FIELD } from '../doc/field.js';
import type { DocShape } from '../doc/shape.js';
import { reportSchema } from './index.js';

let shape: DocShape | null = null;

/** The report schema in Yjs terms, for checking updates and loaded documents on the server. */
export function reportShape(): DocShape {
  if (shape) return shape;
  const schema = reportSchema();
  const elements = Object.values(schema.nodes).filter((t) => t.name !== 'text' && t !== schema.topNodeType);
  return (shape = {
    fragment: DOC_FIELD,
    nodes: new Set(elements.map((t) => t.name)),
    topNodes: new Set(reachable(schema.topNodeType).map((t) => t.name)),
    marks: new Set(Object.keys(schema.marks)),
    children: new Map(elements.map((t) => [t.name, new Set(reachable(t).filter((c) => c.name !== 'text').map((c) => c.name))])),
    textIn: new Set(elements.filter((t) => t.inlineContent).map((t) => t.name)),
  });
}

/** Every node type a node's content expression mentions (walking its content-match automaton). */
function reachable(type: NodeType): NodeType[] {
  const seen = new Set<ContentMatch>();
  const types = new Set<NodeType>();
  const visit = (m: ContentMatch) => {
    if (seen.has(m)) return;
    seen.add(m);
    for (let i = 0; i < m.edgeCount; i++) {
      const { type: t, next } = m.edge(i);
      types.add(t);
      visit(next);
    }
  };
  visit(type.contentMatch);
  return [...types];
}
