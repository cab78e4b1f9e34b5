import { useState } from 'react';
import { App, Button, Card, Radio, Space, Tag, Typography } from 'antd';
import { ErrorAlert } from '../../components/Feedback.js';
import { useI18n } from '../../i18n/i18n.js';
import { useSession } from '../../lib/auth.js';
import { useCommand, type InstanceView } from '../../lib/commands.js';

type Vote = NonNullable<InstanceView['council']>['votes'][string];

const COLORS: Record<Vote, string> = { approve: 'green', reject: 'red', veto: 'volcano' };

/** A council member's vote beside the scores: cast once, then shown as cast and not offered again. */
export function VoteCard({ instance }: { instance: InstanceView }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const session = useSession();
  const command = useCommand();
  const [choice, setChoice] = useState<Vote | null>(null);
  const [unchosen, setUnchosen] = useState(false);
  const me = session?.user.id ?? '';
  const council = instance.council;
  const cast = council?.votes[me];
  const mayVote = instance.availableActions.some((action) => action.name === 'vote');
  if (cast) {
    return (
      <Card title={t('applying.vote')} data-testid="vote-cast" data-vote={cast}>
        <Typography.Text>
          {t('applying.voteCast')} <Tag color={COLORS[cast]}>{t(`vote.${cast}`)}</Tag>
        </Typography.Text>
      </Card>
    );
  }
  if (!mayVote) return null;
  const isChair = council?.chair === me;
  const send = () => {
    if (!choice) return setUnchosen(true);
    command.mutate(
      { instanceId: instance.instanceId, type: 'vote', version: instance.version, payload: { vote: choice } },
      { onSuccess: () => void message.success(t('applying.voteSent')) },
    );
  };
  return (
    <Card title={t('applying.vote')} data-testid="vote-form">
      <Typography.Paragraph type="secondary">{t('applying.voteIntro')}</Typography.Paragraph>
      <Space direction="vertical" className="full">
        <Radio.Group
          value={choice}
          onChange={(event) => {
            setChoice(event.target.value as Vote);
            setUnchosen(false);
          }}
        >
          <Space direction="vertical">
            <Radio value="approve">{t('vote.approve')}</Radio>
            <Radio value="reject">{t('vote.reject')}</Radio>
            {isChair ? <Radio value="veto">{t('vote.veto')}</Radio> : null}
          </Space>
        </Radio.Group>
        {unchosen ? <Typography.Text type="danger">{t('applying.voteChoose')}</Typography.Text> : null}
        {command.isError ? <ErrorAlert error={command.error} /> : null}
        <Button type="primary" loading={command.isPending} onClick={send}>
          {t('applying.voteSend')}
        </Button>
      </Space>
    </Card>
  );
}
