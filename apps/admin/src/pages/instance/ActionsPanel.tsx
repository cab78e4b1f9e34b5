import { useState } from 'react';
import { App, Button, Card, Popconfirm, Space, Typography } from 'antd';
import type { ActionDefinition } from '@khuyencong/domain';
import { EmptyState, ErrorAlert } from '../../components/Feedback.js';
import { useI18n } from '../../i18n/i18n.js';
import { useSession } from '../../lib/auth.js';
import { useCommand, type InstanceView } from '../../lib/commands.js';
import { actionsFor } from '../../lib/definitions.js';
import { ActionDialog, needsForm } from './ActionDialog.js';
import { ScoreForm } from './ScoreForm.js';

/** The actions the user may take at this stage; each asks for what the engine requires (reason, amounts, …). */
export function ActionsPanel({ instance }: { instance: InstanceView }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const session = useSession();
  const command = useCommand();
  const [open, setOpen] = useState<ActionDefinition | null>(null);
  const actions = actionsFor(instance, session?.user.grants ?? []);
  const ownSheet = (instance.jury as { ownSheet?: unknown } | null)?.ownSheet ?? null;
  const buttons = actions.filter((action) => action.name !== 'score');
  const canScore = actions.some((action) => action.name === 'score') && ownSheet === null;

  const runSimple = (action: ActionDefinition) =>
    command.mutate(
      { instanceId: instance.instanceId, type: action.name, version: instance.version },
      { onSuccess: () => void message.success(t('instance.done', { action: label('action', action.name) })) },
    );

  return (
    <>
      {canScore ? <ScoreForm instance={instance} /> : null}
      <Card title={t('instance.actions')} data-testid="actions">
        {command.isError ? <ErrorAlert error={command.error} /> : null}
        {buttons.length === 0 ? (
          <EmptyState why={canScore ? t('score.intro') : t('instance.noActions')} />
        ) : (
          <Space wrap>
            {buttons.map((action) =>
              needsForm(action, instance) ? (
                <Button key={action.name} type={action.requiresReason ? 'default' : 'primary'} danger={action.name === 'reject'} onClick={() => setOpen(action)} data-action={action.name}>
                  {label('action', action.name)}
                </Button>
              ) : (
                <Popconfirm key={action.name} title={label('action', action.name)} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => runSimple(action)}>
                  <Button type="primary" loading={command.isPending && command.variables.type === action.name} data-action={action.name}>
                    {label('action', action.name)}
                  </Button>
                </Popconfirm>
              ),
            )}
          </Space>
        )}
        {ownSheet ? <Typography.Paragraph className="gap-top">{t('scores.mine')} ✓</Typography.Paragraph> : null}
      </Card>
      {open ? <ActionDialog instance={instance} action={open} onClose={() => setOpen(null)} /> : null}
    </>
  );
}
