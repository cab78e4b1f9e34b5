import { useState } from 'react';
import { Alert, App, Button, Card, Popconfirm, Space } from 'antd';
import { EmptyState, ErrorAlert } from '../../components/Feedback.js';
import { useI18n } from '../../i18n/i18n.js';
import type { MessageKey } from '../../i18n/messages.js';
import { useCommand, type DossierDocuments, type InstanceView, type OfferedAction } from '../../lib/commands.js';
import { ActionDialog, needsForm } from './ActionDialog.js';
import { isDossierAction, missingParts } from './DossierFields.js';

/** Actions with their own card on the page (the judge's sheet, the council member's vote). */
const CARDS = new Set(['score', 'vote']);
/** Actions that end or refuse the dossier: red, and confirmed. */
const DANGER = new Set(['reject', 'withdraw']);

/**
 * The actions the user may take at this stage; each asks for what the engine requires (reason, amounts, …).
 * Submitting an entry sends the dossier saved on the page (`dossier`: null while it loads), refused here while a part
 * is missing.
 */
export function ActionsPanel({ instance, dossier }: { instance: InstanceView; dossier: DossierDocuments | null }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const command = useCommand();
  const [open, setOpen] = useState<OfferedAction | null>(null);
  const [missing, setMissing] = useState<string[] | null>(null);
  const actions = instance.availableActions;
  const buttons = actions.filter((action) => !CARDS.has(action.name));

  const runSimple = (action: OfferedAction) => {
    setMissing(null);
    const sendsDossier = isDossierAction(action, instance);
    if (sendsDossier) {
      if (!dossier) return;
      const lacking = missingParts(dossier);
      if (lacking.length > 0) return setMissing(lacking.map((part) => t(`applying.part.${part}` as MessageKey)));
    }
    command.mutate(
      { instanceId: instance.instanceId, type: action.name, version: instance.version, ...(sendsDossier && dossier ? { dossier } : {}) },
      { onSuccess: () => void message.success(t('instance.done', { action: label('action', action.name) })) },
    );
  };

  return (
    <>
      <Card title={t('instance.actions')} data-testid="actions">
        {command.isError ? <ErrorAlert error={command.error} /> : null}
        {missing ? (
          <Alert
            className="gap"
            type="error"
            showIcon
            role="alert"
            data-testid="dossier-missing"
            title={t('applying.missing', { items: missing.join(', ') })}
          />
        ) : null}
        {buttons.length === 0 ? (
          <EmptyState why={actions.length > 0 ? t('applying.useCards') : t('instance.noActions')} />
        ) : (
          <Space wrap>
            {buttons.map((action) =>
              needsForm(action) ? (
                <Button
                  key={action.name}
                  type={action.requiresReason ? 'default' : 'primary'}
                  danger={DANGER.has(action.name)}
                  onClick={() => setOpen(action)}
                  data-action={action.name}
                >
                  {label('action', action.name)}
                </Button>
              ) : (
                <Popconfirm
                  key={action.name}
                  title={label('action', action.name)}
                  description={DANGER.has(action.name) ? t(`applying.confirm.${action.name}` as MessageKey) : undefined}
                  okText={t('common.confirm')}
                  okButtonProps={{ danger: DANGER.has(action.name) }}
                  cancelText={t('common.cancel')}
                  onConfirm={() => runSimple(action)}
                >
                  <Button
                    type={DANGER.has(action.name) ? 'default' : 'primary'}
                    danger={DANGER.has(action.name)}
                    // The dossier is still loading: submitting now would send nothing.
                    disabled={isDossierAction(action, instance) && dossier === null}
                    loading={command.isPending && command.variables.type === action.name}
                    data-action={action.name}
                  >
                    {label('action', action.name)}
                  </Button>
                </Popconfirm>
              ),
            )}
          </Space>
        )}
      </Card>
      {open ? <ActionDialog instance={instance} action={open} onClose={() => setOpen(null)} /> : null}
    </>
  );
}
