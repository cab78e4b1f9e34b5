import { useState } from 'react';
import { App, Alert, Button, Card, Checkbox, Popconfirm, Space, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { EmptyState, ErrorAlert } from '../../components/Feedback.js';
import { SimpleTable } from '../../components/SimpleTable.js';
import { useI18n } from '../../i18n/i18n.js';
import { api } from '../../lib/api.js';
import { newIdempotencyKey } from '../../lib/commands.js';
import { unwrap } from '../../lib/errors.js';
import { quotaCheck } from './quota.js';
import type { Round, RoundResult } from './types.js';

/**
 * The officer nominates the round's recognised products into the open round one level up (RoundView.nominationTarget),
 * within the round's quota: the quota reads used/quota, and a selection beyond what is left is refused before sending.
 */
export function Nominations({ round, results }: { round: Round; results: readonly RoundResult[] }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState<string[]>([]);
  const target = round.nominationTarget;
  const used = round.nominatedCount;
  const quota = round.nominationQuota;
  const { left, excess } = quotaCheck(quota, used, chosen.length);
  const over = excess > 0;
  const recognised = results.filter((row) => row.stage === 'recognised');
  const nominate = useMutation({
    mutationFn: async (instanceIds: string[]) =>
      unwrap(
        await api.POST('/api/rounds/{id}/nominations', {
          params: { path: { id: target!.id }, header: { 'Idempotency-Key': newIdempotencyKey() } },
          body: { instanceIds },
        }),
      ),
    onSuccess: async (result) => {
      void message.success(t('round.nominate.done', { count: result.nominated.length, name: target?.name ?? '' }));
      setChosen([]);
      await queryClient.invalidateQueries({ queryKey: ['round', round.id] });
    },
  });
  const toggle = (id: string, on: boolean) => setChosen((now) => (on ? [...now, id] : now.filter((item) => item !== id)));
  return (
    <Card
      title={t('round.nominate.title')}
      data-testid="nominations"
      extra={
        <Tag color={over ? 'red' : 'blue'} data-testid="nomination-quota">
          {quota === null ? t('round.nominate.quotaFree', { used }) : t('round.nominate.quota', { used, quota })}
        </Tag>
      }
    >
      {target ? (
        <Typography.Paragraph strong data-testid="nomination-target">
          {t('round.nominate.target', { name: target.name, level: label('level', target.level) })}
        </Typography.Paragraph>
      ) : (
        <Alert className="gap" type="info" showIcon title={t('round.nominate.noTarget')} />
      )}
      <SimpleTable<RoundResult>
        testId="nomination-entries"
        rows={recognised}
        rowKey={(row) => row.instanceId}
        empty={<EmptyState why={t('round.nominate.none')} />}
        columns={[
          {
            key: 'pick',
            title: t('round.nominate.select'),
            render: (row) => (
              <Checkbox
                aria-label={row.productName}
                disabled={!target}
                checked={chosen.includes(row.instanceId)}
                onChange={(event) => toggle(row.instanceId, event.target.checked)}
                data-testid={`nominate-${row.instanceId}`}
              />
            ),
          },
          { key: 'product', title: t('round.col.product'), render: (row) => row.productName },
          { key: 'establishment', title: t('round.col.establishment'), render: (row) => row.establishmentName },
          {
            key: 'average',
            title: t('round.col.average'),
            render: (row) => (row.average === null ? '—' : row.average.toLocaleString('vi-VN', { maximumFractionDigits: 2 })),
          },
        ]}
      />
      {over ? (
        <Alert className="gap-top" type="error" showIcon role="alert" data-testid="nomination-over" title={t('round.nominate.over', { left, excess })} />
      ) : null}
      {target && recognised.length > 0 ? (
        <Space className="gap-top" wrap>
          <Popconfirm
            title={t('round.nominate.confirm', { count: chosen.length, name: target.name })}
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
            onConfirm={() => nominate.mutate(chosen)}
            disabled={chosen.length === 0 || over}
          >
            <Button type="primary" disabled={chosen.length === 0 || over} loading={nominate.isPending} data-testid="nominate-send">
              {chosen.length === 0 ? t('round.nominate.pick') : t('round.nominate.send', { count: chosen.length })}
            </Button>
          </Popconfirm>
        </Space>
      ) : null}
      {nominate.isError ? (
        <div className="gap-top">
          <ErrorAlert error={nominate.error} />
        </div>
      ) : null}
    </Card>
  );
}
