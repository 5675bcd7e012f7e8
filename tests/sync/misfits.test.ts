import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { removeMisfits } from '../../shared/doc/shape.js';
import { reportShape } from '../../shared/blocks/docShape.js';

/** Issue 17: the load check reads plain texts from their items; texts with embeds or unknown marks still get fixed. */
describe('removeMisfits on texts', () => {
  const paragraph = (doc: Y.Doc) => {
    const p = new Y.XmlElement('paragraph');
    const t = new Y.XmlText();
    p.insert(0, [t]);
    doc.getXmlFragment('default').insert(doc.getXmlFragment('default').length, [p]);
    return t;
  };

  it('keeps plain and known-mark text, removes embeds and unknown marks', () => {
    const doc = new Y.Doc();
    const plain = paragraph(doc);
    plain.insert(0, '收银台改版 plain');
    const bold = paragraph(doc);
    bold.insert(0, 'bold here', { bold: true });
    const bad = paragraph(doc);
    bad.insert(0, 'abc');
    bad.insertEmbed(1, { evil: 1 });
    bad.format(0, 2, { blink: true });
    const found = removeMisfits(doc, reportShape(), 'test');
    expect(found.map((f) => f.what.split(' ')[0]).sort()).toEqual(['embed', 'marks']);
    expect(plain.toDelta()).toEqual([{ insert: '收银台改版 plain' }]);
    expect(bold.toDelta()).toEqual([{ insert: 'bold here', attributes: { bold: true } }]);
    expect(bad.toDelta()).toEqual([{ insert: 'abc' }]);
    expect(removeMisfits(doc, reportShape(), 'test')).toEqual([]);
  });
});
