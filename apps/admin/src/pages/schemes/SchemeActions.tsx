import { useState } from 'react';
import { Alert, App, Button, Card, Popconfirm, Space, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { EmptyState, ErrorAlert } from '../../components/Feedback.js';
import { useSchemesI18n } from '../../i18n/schemesScreens.js';
import '../../lib/dayjs-locale.js';
import type { OfferedAction } from '../../lib/commands.js';
import { formatDate, formatVnd } from '../../lib/format.js';
import { useInstance } from '../instance/queries.js';
import { RuleRefusal, useSchemeCommand } from './queries.js';
import { EDITABLE_STAGES, type Scheme } from './types.js';
import { ActionDialog } from './SchemeActionDialog.js';

/** Actions with no form: a confirmation is enough. */
const SIMPLE = new Set(['submit', 'resubmit', 'withdraw', 'complete', 'approve_change']);
const DANGER = new Set(['reject', 'withdraw', 'cancel', 'reject_change']);
/**
 * The stage actions the user may take on the scheme, each with its form. Four-eyes: the officer who submitted the
 * scheme is not offered the officers' decisions on it (the API refuses them too).
 */
export function SchemeActions({ scheme, instanceId }: { scheme: Scheme; instanceId: string }) {
  const { t, label } = useSchemesI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const instance = useInstance(instanceId);
  const command = useSchemeCommand(scheme);
  const [open, setOpen] = useState<OfferedAction | null>(null);
  // What the user may do now, as the API's engine says (four-eyes, scope, council membership honoured there).
  const actions = instance.data?.availableActions ?? [];
  const fourEyes = instance.data?.submittedByYou === true && instance.data.status === 'active' && !EDITABLE_STAGES.has(instance.data.stage);
  const refusal = command.error instanceof RuleRefusal ? command.error : null;
  return (
    <Card title={t('scheme.actions')} data-testid="actions">
      {instance.error ? <ErrorAlert error={instance.error} /> : null}
      {command.isError ? <ErrorAlert error={command.error} /> : null}
      {refusal?.rule ? (
        <Alert className="gap" type="error" showIcon title={t('schemeAct.ruleRefused', { rule: refusal.rule.citation ?? refusal.rule.basis })} />
      ) : null}
      {fourEyes ? <Alert className="gap" type="info" showIcon data-testid="four-eyes" title={t('schemeAct.fourEyes')} /> : null}
      {actions.length === 0 ? (
        <EmptyState why={t('scheme.noActions')} />
      ) : (
        <Space wrap>
          {/* Who may send the draft (or the returned scheme) may rewrite it first. The scheme's own stage is read too:
              it is updated by the command's answer at once, the instance's actions only on their refresh. */}
          {EDITABLE_STAGES.has(scheme.stage) && actions.some((action) => action.name === 'submit' || action.name === 'resubmit') ? (
            <Button onClick={() => void navigate(`/schemes/${scheme.id}/edit`)} data-testid="edit-scheme">
              {t('scheme.edit')}
            </Button>
          ) : null}
          {actions.map((action) =>
            SIMPLE.has(action.name) ? (
              <Popconfirm
                key={action.name}
                title={label('action', action.name)}
                description={action.name === 'withdraw' ? t('schemeAct.confirm.withdraw') : undefined}
                okText={t('common.confirm')}
                okButtonProps={{ danger: DANGER.has(action.name) }}
                cancelText={t('common.cancel')}
                onConfirm={() =>
                  command.mutate(
                    { type: action.name, payload: {} },
                    { onSuccess: () => void message.success(t('scheme.done', { action: label('action', action.name) })) },
                  )
                }
              >
                <Button
                  type={DANGER.has(action.name) ? 'default' : 'primary'}
                  danger={DANGER.has(action.name)}
                  loading={command.isPending && command.variables.type === action.name}
                  data-action={action.name}
                >
                  {label('action', action.name)}
                </Button>
              </Popconfirm>
            ) : (
              <Button
                key={action.name}
                type={DANGER.has(action.name) ? 'default' : 'primary'}
                danger={DANGER.has(action.name)}
                onClick={() => setOpen(action)}
                data-action={action.name}
              >
                {label('action', action.name)}
              </Button>
            ),
          )}
        </Space>
      )}
      {open ? <ActionDialog scheme={scheme} action={open} onClose={() => setOpen(null)} /> : null}
      {instance.data?.status === 'active' && scheme.stage === 'change_review' ? <PendingChange scheme={scheme} /> : null}
    </Card>
  );
}

function PendingChange({ scheme }: { scheme: Scheme }) {
  const { t, label, locale } = useSchemesI18n();
  const pending = scheme.changes.find((change) => change.status === 'pending');
  if (!pending) return null;
  return (
    <Typography.Paragraph className="gap" data-testid="pending-change">
      {t('schemeAct.pendingChange', {
        kind: label('changeKind', pending.kind),
        reason: pending.reason,
        amount:
          pending.newAllocatedAmount !== null
            ? ` → ${formatVnd(pending.newAllocatedAmount, locale)}`
            : pending.newEndsOn !== null
              ? ` → ${formatDate(pending.newEndsOn, locale)}`
              : '',
      })}
    </Typography.Paragraph>
  );
}
