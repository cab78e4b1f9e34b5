// Pieces the establishment screens share: the views, the verify action, the officer's registration drawer.
import { useEffect, useState } from 'react';
import { App, Button, Drawer, Form, Input, Popconfirm, Tag, type FormInstance } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { paths } from '@khuyencong/api-client';
import { ErrorAlert } from '../../components/Feedback.js';
import { useI18n } from '../../i18n/i18n.js';
import { api } from '../../lib/api.js';
import { useSession } from '../../lib/auth.js';
import { ApiError, unwrap } from '../../lib/errors.js';
import type { SessionUser } from '../../lib/session.js';
import { EstablishmentFields, establishmentBody, type EstablishmentValues } from '../public/EstablishmentFields.js';
import { provinceOfCommune, useCommunes } from '../public/units.js';

export type Establishment = paths['/api/establishments/{id}']['get']['responses'][200]['content']['application/json'];
export type EntryItem = paths['/api/entries']['get']['responses'][200]['content']['application/json']['items'][number];

/** Roles that see establishments in an area (not only their own). */
export const OFFICER_ROLES = ['commune_officer', 'provincial_officer', 'central_officer', 'admin'] as const;
/** Roles that verify (and register) establishments in their commune or province. */
export const VERIFIER_ROLES = ['commune_officer', 'provincial_officer'] as const;

/** The officer's area as units of today: the communes and provinces their grants name (undefined: no narrowing). */
export function useOfficerArea(user: SessionUser | null | undefined): { provinces?: string[]; communes?: string[] } {
  const communes = useCommunes();
  const grants = (user?.grants ?? []).filter((grant) => grant.role === 'commune_officer' || grant.role === 'provincial_officer');
  if (grants.length === 0 || grants.some((grant) => !grant.scopeId)) return {};
  const communeCodes = grants.filter((grant) => grant.scopeType === 'commune').map((grant) => grant.scopeId!);
  const provinceCodes = grants.filter((grant) => grant.scopeType === 'province').map((grant) => grant.scopeId!);
  const provincesOfCommunes = communeCodes.map((code) => provinceOfCommune(communes.data, code)).filter((code): code is string => Boolean(code));
  const provinces = [...new Set([...provinceCodes, ...provincesOfCommunes])];
  // A provincial officer chooses any commune of the province; a commune officer only their own.
  return provinceCodes.length > 0 ? { provinces } : { provinces, communes: communeCodes };
}

/** The verification state as a tag. */
export function VerifiedTag({ establishment }: { establishment: Pick<Establishment, 'verified'> }) {
  const { t } = useI18n();
  return establishment.verified ? <Tag color="green">{t('pub.est.verified')}</Tag> : <Tag color="orange">{t('pub.est.unverified')}</Tag>;
}

/** The officer's "verify" action, confirmed first; refreshes the establishment lists. */
export function VerifyButton({ establishment, size }: { establishment: Pick<Establishment, 'id' | 'name'>; size?: 'small' | 'middle' }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const verify = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/establishments/{id}/verify', { params: { path: { id: establishment.id } } })),
    onSuccess: async (verified) => {
      void message.success(t('pub.est.verifiedDone', { name: verified.name }));
      await client.invalidateQueries({ queryKey: ['establishments'] });
      await client.invalidateQueries({ queryKey: ['establishment', establishment.id] });
    },
  });
  return (
    <>
      <Popconfirm
        title={t('pub.est.verifyConfirm', { name: establishment.name })}
        okText={t('pub.est.verify')}
        cancelText={t('common.cancel')}
        onConfirm={() => verify.mutate()}
      >
        <Button type="primary" size={size} loading={verify.isPending} data-testid={`verify-establishment-${establishment.id}`}>
          {t('pub.est.verify')}
        </Button>
      </Popconfirm>
      {verify.error ? <ErrorAlert error={verify.error} /> : null}
    </>
  );
}

/** Inside the officer's form: an officer of one province (or one commune) has it chosen already, once the units are known. */
function OfficerUnits({ form, province, commune }: { form: FormInstance<OfficerValues>; province?: string; commune?: string }) {
  useEffect(() => {
    if (province && !form.getFieldValue('provinceCode')) form.setFieldValue('provinceCode', province);
    if (commune && !form.getFieldValue('communeCode')) form.setFieldValue('communeCode', commune);
  }, [form, province, commune]);
  return null;
}

interface OfficerValues extends EstablishmentValues {
  applicantEmail?: string;
}

/** "Đăng ký cơ sở" for an officer: the same establishment form, optionally naming the applicant by e-mail. */
export function RegisterEstablishmentDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const session = useSession();
  const area = useOfficerArea(session?.user);
  const client = useQueryClient();
  const [form] = Form.useForm<OfficerValues>();
  const [failure, setFailure] = useState<unknown>(null);
  const register = useMutation({
    mutationFn: async (values: OfficerValues) => {
      const applicantEmail = values.applicantEmail?.trim();
      return unwrap(await api.POST('/api/establishments', { body: { ...establishmentBody(values), ...(applicantEmail ? { applicantEmail } : {}) } }));
    },
    onMutate: () => setFailure(null),
    onSuccess: async (created) => {
      void message.success(t('pub.est.created', { name: created.name }));
      form.resetFields();
      onClose();
      await client.invalidateQueries({ queryKey: ['establishments'] });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'USER_NOT_FOUND') form.setFields([{ name: 'applicantEmail', errors: [t('pub.est.userNotFound')] }]);
      else setFailure(error);
    },
  });
  const single = area.provinces?.length === 1 ? area.provinces[0] : undefined;
  const singleCommune = area.communes?.length === 1 ? area.communes[0] : undefined;
  return (
    <Drawer open={open} onClose={onClose} title={t('pub.est.newTitle')} size={640} destroyOnHidden data-testid="new-establishment">
      <Form<OfficerValues> form={form} layout="vertical" disabled={register.isPending} onFinish={(values) => register.mutate(values)} scrollToFirstError>
        <OfficerUnits form={form} province={single} commune={singleCommune} />
        <EstablishmentFields form={form} {...area} />
        <Form.Item
          label={t('pub.est.applicantEmail')}
          name="applicantEmail"
          extra={t('pub.est.applicantEmailHelp')}
          rules={[{ type: 'email', message: t('pub.reg.emailRule') }]}
        >
          <Input inputMode="email" />
        </Form.Item>
        {failure ? (
          <div className="gap">
            <ErrorAlert error={failure} />
          </div>
        ) : null}
        <Button type="primary" htmlType="submit" loading={register.isPending}>
          {t('pub.est.new')}
        </Button>
      </Form>
    </Drawer>
  );
}
