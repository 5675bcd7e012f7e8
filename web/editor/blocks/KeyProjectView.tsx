import { NodeViewContent, NodeViewWrapper, type ReactNodeViewProps } from '@tiptap/react';
import { useTranslation } from 'react-i18next';
import { useReportContext } from './context.js';
import { DragHandle, KindLabel, TextField } from './fields.js';
import { backToText } from './fieldKeys.js';
import { useMembers } from './data.js';
import { OwnersField, ownerIds, ownersAttrs } from '../OwnersField.js';
import '../blocks.css';

/** Key project (`【贝易转】`): a titled section holding rich content, with its owners (space members). */
export function KeyProjectView({ node, updateAttributes, editor }: ReactNodeViewProps) {
  const { t } = useTranslation();
  const ctx = useReportContext();
  const editable = ctx.canEdit && editor.isEditable;
  const members = useMembers();
  const { project, blockId, owners } = node.attrs as { project: string; blockId: string | null; owners: string | null };
  return (
    <NodeViewWrapper as="section" className="cb cb-project" data-block-id={blockId ?? undefined}>
      <DragHandle />
      <div className="cb-project-head" contentEditable={false} onKeyDown={backToText(editor)}>
        <span className="cb-bracket" aria-hidden>【</span>
        <TextField
          className="cb-project-title"
          aria-label={t('editor.keyProject.label')}
          placeholder={t('editor.keyProject.placeholder')}
          value={project ?? ''}
          disabled={!editable}
          onCommit={(v) => updateAttributes({ project: v.replace(/^【|】$/g, '') })}
        />
        <span className="cb-bracket" aria-hidden>】</span>
        <OwnersField ids={ownerIds(owners)} members={members} label={t('editor.owners.label')} disabled={!editable}
          onChange={(ids) => updateAttributes(ownersAttrs(ids, false))} />
        <KindLabel>{t('editor.keyProject.label')}</KindLabel>
      </div>
      <NodeViewContent className="cb-project-body" style={{ ['--cb-placeholder' as string]: JSON.stringify(t('editor.keyProject.textPlaceholder')) }} />
    </NodeViewWrapper>
  );
}
