/** A rendered message: Vietnamese first, an English line below for readers without Vietnamese. */
export interface RenderedMessage {
  subject: string;
  body: string;
}

/** Values a template may use (the effect's `data`). */
type TemplateData = Readonly<Record<string, unknown>>;

interface Template {
  subject: string;
  /** Vietnamese body; `{reason}` and similar are filled from the effect's data when present. */
  body: string;
  english: string;
}

/** Templates keyed by the `template` of the engine's `notify` effects (packages/domain). */
const TEMPLATES: Readonly<Record<string, Template>> = {
  entry_received: {
    subject: 'Hồ sơ đã được tiếp nhận',
    body: 'Hồ sơ {reference} của quý cơ sở đã được tiếp nhận và đang chờ xem xét.',
    english: 'Your entry {reference} has been received and is awaiting review.',
  },
  entry_returned: {
    subject: 'Hồ sơ cần bổ sung, chỉnh sửa',
    body: 'Hồ sơ {reference} được trả lại để bổ sung, chỉnh sửa. Lý do: {reason}',
    english: 'Entry {reference} was returned for revision. Reason: {reason}',
  },
  entry_rejected: {
    subject: 'Hồ sơ không đủ điều kiện',
    body: 'Hồ sơ {reference} không đủ điều kiện tham gia. Lý do: {reason}',
    english: 'Entry {reference} is not eligible. Reason: {reason}',
  },
  entry_recognised: {
    subject: 'Sản phẩm được công nhận',
    body: 'Chúc mừng! Sản phẩm trong hồ sơ {reference} đã được công nhận là sản phẩm công nghiệp nông thôn tiêu biểu.',
    english: 'Congratulations: the product of entry {reference} has been recognised as a typical rural industrial product.',
  },
  jury_assigned: {
    subject: 'Phân công chấm điểm',
    body: 'Quý vị được phân công chấm điểm hồ sơ {reference}. Vui lòng đăng nhập hệ thống để thực hiện.',
    english: 'You have been assigned to score entry {reference}.',
  },
  jury_rescoring: {
    subject: 'Đề nghị chấm điểm lại',
    body: 'Hồ sơ {reference} cần được chấm điểm lại do chênh lệch điểm giữa các thành viên giám khảo.',
    english: 'Entry {reference} needs to be re-scored because the judges’ scores diverge.',
  },
  council_assigned: {
    subject: 'Phân công thẩm định',
    body: 'Quý vị được phân công vào hội đồng thẩm định hồ sơ {reference}.',
    english: 'You have been appointed to the appraisal council of {reference}.',
  },
  sla_reminder: {
    subject: 'Nhắc việc: sắp đến hạn xử lý',
    body: 'Hồ sơ {reference} sắp đến hạn xử lý ở bước {stage}. Vui lòng hoàn thành đúng hạn.',
    english: 'Reminder: {reference} is nearly due at stage {stage}.',
  },
  sla_escalation: {
    subject: 'Cảnh báo: quá hạn xử lý',
    body: 'Hồ sơ {reference} đã quá hạn xử lý ở bước {stage} và được báo cáo lên cấp trên.',
    english: 'Overdue: {reference} passed its deadline at stage {stage} and has been escalated.',
  },
  task_delegated: {
    subject: 'Được ủy quyền xử lý công việc',
    body: 'Quý vị được ủy quyền xử lý hồ sơ {reference} ở bước {stage}.',
    english: 'A task on {reference} (stage {stage}) has been delegated to you.',
  },
  task_reassigned: {
    subject: 'Công việc được giao lại',
    body: 'Công việc xử lý hồ sơ {reference} ở bước {stage} đã được giao lại cho quý vị.',
    english: 'A task on {reference} (stage {stage}) has been reassigned to you.',
  },
};

/** For a template the worker does not know yet: still tells the user something happened. */
const FALLBACK: Template = {
  subject: 'Thông báo mới từ hệ thống Khuyến công',
  body: 'Có cập nhật mới về hồ sơ {reference}. Vui lòng đăng nhập hệ thống để xem chi tiết.',
  english: 'There is an update on {reference}. Please sign in to see the details.',
};

const PLACEHOLDER = /\{([a-zA-Z]+)\}/g;

function fill(text: string, data: TemplateData): string {
  return text.replace(PLACEHOLDER, (_, key: string) => {
    const value = data[key];
    if (typeof value === 'string' && value.length > 0) return value;
    if (typeof value === 'number') return String(value);
    return key === 'reason' ? '(không nêu)' : '—';
  });
}

/** Whether the worker has a template of that name. */
export function hasTemplate(template: string): boolean {
  return Object.prototype.hasOwnProperty.call(TEMPLATES, template);
}

/** A notification's parts: the subject, the Vietnamese text and its English line (what a combined message lists). */
export interface NotificationParts {
  subject: string;
  vietnamese: string;
  english: string;
}

const SIGNATURE = 'Hệ thống quản lý Khuyến công';

/** The parts of a template filled from the data. `reference` defaults to the instance id, so every message names the file it is about. */
export function notificationParts(template: string, data: TemplateData): NotificationParts {
  const chosen = hasTemplate(template) ? TEMPLATES[template] : undefined;
  const text = chosen ?? FALLBACK;
  const values: TemplateData = { reference: data.instanceId, ...data };
  return { subject: fill(text.subject, values), vietnamese: fill(text.body, values), english: fill(text.english, values) };
}

/** Renders a template in Vietnamese with an English line below. */
export function renderNotification(template: string, data: TemplateData): RenderedMessage {
  const parts = notificationParts(template, data);
  return { subject: parts.subject, body: `${parts.vietnamese}\n\n${SIGNATURE}\n\n---\nEnglish: ${parts.english}` };
}

/**
 * One message for several notifications of one person (the e-mails held through a combining minute, or the morning
 * digest): a subject with their number, then each notification's subject and text in Vietnamese, in the order they
 * came, then the same list in English below, as the single messages put English second.
 */
export function renderCombined(notifications: readonly NotificationParts[]): RenderedMessage {
  const n = notifications.length;
  const vietnamese = notifications.map((item, index) => `${index + 1}. ${item.subject}\n${item.vietnamese}`).join('\n\n');
  const english = notifications.map((item, index) => `${index + 1}. ${item.english}`).join('\n');
  return {
    subject: `Khuyến công: ${n} thông báo mới / ${n} new notifications`,
    body:
      `Quý vị có ${n} thông báo mới từ hệ thống Khuyến công:\n\n${vietnamese}\n\n` +
      `Vui lòng đăng nhập hệ thống để xem chi tiết.\n\n${SIGNATURE}\n\n---\nEnglish: ${n} new notifications:\n${english}`,
  };
}
