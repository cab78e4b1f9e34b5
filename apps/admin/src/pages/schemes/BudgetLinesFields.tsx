import { Alert, Button, Card, Checkbox, Col, Form, Input, Row, Select, Typography } from 'antd';
import { useSchemesI18n } from '../../i18n/schemesScreens.js';
import { matchesName } from '../public/units.js';
import { MoneyField, useCapText, useProblemText } from './fields.js';
import { type RuleRefusal } from './queries.js';
import { type LineCheck, type LineInput } from './ruleCheck.js';

/**
 * The budget lines of the scheme form: each line's activity, cost and support, the cap of its activity with the
 * problem the domain's check finds as the user types, and the API's refusal on the line it names.
 */
export function BudgetLinesFields({
  activities,
  lines,
  checks,
  refusal,
  required,
}: {
  activities: readonly { code: string }[];
  lines: readonly LineInput[];
  checks: readonly LineCheck[];
  /** The API's refusal of the last save, when it names a line. */
  refusal: RuleRefusal | null;
  required: { required: boolean; whitespace: boolean; message: string }[];
}) {
  const { t, label, locale } = useSchemesI18n();
  const capText = useCapText();
  const problemText = useProblemText();
  const refusedLine = refusal?.line ?? null;
  return (
    <Form.List name="budgetLines">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, index) => {
            const check = checks[index];
            const rule = check?.rule ?? null;
            const refused = refusedLine === index + 1 ? refusal : null;
            return (
              <Card
                key={field.key}
                size="small"
                className="gap"
                title={t('schemeForm.line', { n: index + 1 })}
                data-testid="budget-line"
                data-line={index + 1}
                extra={
                  fields.length > 1 ? (
                    <Button size="small" onClick={() => remove(field.name)}>
                      {t('schemeForm.remove')}
                    </Button>
                  ) : null
                }
              >
                <Row gutter={8}>
                  <Col xs={24} md={8}>
                    <Form.Item name={[field.name, 'activityCode']} label={t('schemeForm.activity')} rules={required}>
                      <Select
                        showSearch={{ filterOption: matchesName }}
                        options={activities.map((activity) => ({ value: activity.code, label: label('subActivity', activity.code) }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={16}>
                    <Form.Item name={[field.name, 'description']} label={t('schemeForm.description')} rules={[...required, { max: 500 }]}>
                      <Input maxLength={500} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={8}>
                    <MoneyField name={[field.name, 'eligibleCost']} label={t('schemeForm.eligible')} />
                  </Col>
                  <Col xs={24} md={8}>
                    <MoneyField name={[field.name, 'supportAmount']} label={t('schemeForm.support')} />
                  </Col>
                  <Col xs={24} md={8}>
                    {rule?.technologyLineMultiplier ? (
                      <Form.Item name={[field.name, 'technologyLine']} valuePropName="checked" label=" ">
                        <Checkbox>{t('schemeForm.technology', { m: rule.technologyLineMultiplier })}</Checkbox>
                      </Form.Item>
                    ) : null}
                  </Col>
                </Row>
                {lines[index]?.activityCode ? (
                  <Typography.Text type="secondary" data-testid="line-cap">
                    {rule ? capText(rule, check?.effectiveMax ?? null) : t('rule.none')}
                  </Typography.Text>
                ) : null}
                {check?.problem ? <Alert className="gap" type="warning" showIcon data-testid="line-warning" title={problemText(check.problem)} /> : null}
                {refused ? (
                  <Alert
                    className="gap"
                    type="error"
                    showIcon
                    role="alert"
                    data-testid="line-refused"
                    title={t('schemeForm.refused', { message: locale === 'vi' ? refused.messageVi : refused.messageEn })}
                    description={refused.rule ? t('schemeAct.ruleRefused', { rule: refused.rule.citation ?? refused.rule.basis }) : undefined}
                  />
                ) : null}
              </Card>
            );
          })}
          <Button className="gap" onClick={() => add({})} data-testid="add-line">
            {t('schemeForm.addLine')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
