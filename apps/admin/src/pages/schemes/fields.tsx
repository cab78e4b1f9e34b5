import { Form, InputNumber } from 'antd';
import type { SupportRule } from './queries.js';
import type { LineProblem } from './ruleCheck.js';
import { useSchemesI18n } from '../../i18n/schemesScreens.js';
import { formatVnd } from '../../lib/format.js';

/** A whole amount of VND, grouped as the user reads it (1.000.000 đ), typed as plain digits. */
export function MoneyInput(props: { value?: number | null; onChange?: (value: number | null) => void; max?: number; id?: string; 'aria-label'?: string }) {
  const { locale } = useSchemesI18n();
  return (
    <InputNumber<number>
      {...props}
      className="full"
      min={0}
      precision={0}
      formatter={(value) =>
        value === undefined || value === null || String(value) === '' ? '' : Number(value).toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-GB')
      }
      parser={(text) => Number((text ?? '').replace(/[^\d]/g, ''))}
      suffix={locale === 'vi' ? 'đ' : 'VND'}
    />
  );
}

/** A required amount in a row of a form list: its label, the "enter an amount" rule and the money input. */
export function MoneyField({ name, label }: { name: (string | number)[]; label: string }) {
  const { t } = useSchemesI18n();
  return (
    <Form.Item name={name} label={label} rules={[{ required: true, message: t('schemeForm.amountRule') }]}>
      <MoneyInput />
    </Form.Item>
  );
}

/** "30 % chi phí hợp lệ; 1.000.000.000 đ / mô hình — TT 28/2018/TT-BTC": a rule's cap, named. */
export function useCapText() {
  const { t, locale } = useSchemesI18n();
  return (rule: SupportRule, effectiveMax: number | null): string => {
    const parts: string[] = [];
    if (rule.maxPercent !== null) parts.push(t('rule.capPercent', { percent: rule.maxPercent }));
    const amount = effectiveMax ?? rule.maxAmount;
    if (amount !== null) {
      const per = rule.per === 'model' || rule.per === 'establishment' || rule.per === 'enterprise' ? t(`rule.per.${rule.per}`) : t('rule.per.line');
      parts.push(t('rule.capAmount', { amount: formatVnd(amount, locale), per }));
    }
    return t('rule.cap', { cap: parts.join('; '), citation: rule.citation });
  };
}

/** What a line breaks, with the rule named. */
export function useProblemText() {
  const { t, locale } = useSchemesI18n();
  return (problem: LineProblem): string => {
    switch (problem.kind) {
      case 'overCost':
        return t('rule.overCost');
      case 'overPercent':
        return t('rule.overPercent', { percent: problem.rule.maxPercent ?? 0, max: formatVnd(problem.max, locale), citation: problem.rule.citation });
      case 'overAmount':
        return t('rule.overAmount', { max: formatVnd(problem.max, locale), citation: problem.rule.citation });
      case 'overEstablishment':
        return t('rule.overEstablishment', { total: formatVnd(problem.total, locale), max: formatVnd(problem.max, locale), citation: problem.rule.citation });
    }
  };
}
