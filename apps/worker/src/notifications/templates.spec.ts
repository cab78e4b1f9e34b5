import { hasTemplate, renderNotification } from './templates.js';

describe('notification templates', () => {
  it('renders a known template in Vietnamese with its diacritics and an English line below', () => {
    const message = renderNotification('entry_returned', { instanceId: 'ab12', reason: 'Thiếu bản sao giấy phép' });
    expect(message.subject).toBe('Hồ sơ cần bổ sung, chỉnh sửa');
    expect(message.body).toMatch(/^Hồ sơ ab12 được trả lại để bổ sung, chỉnh sửa\. Lý do: Thiếu bản sao giấy phép/);
    expect(message.body).toMatch(/\nEnglish: Entry ab12 was returned for revision\. Reason: Thiếu bản sao giấy phép$/);
  });

  it('has a template for every notify template the engine writes', () => {
    for (const name of [
      'entry_received',
      'entry_returned',
      'entry_rejected',
      'entry_recognised',
      'jury_assigned',
      'jury_rescoring',
      'council_assigned',
      'sla_reminder',
      'sla_escalation',
      'task_delegated',
      'task_reassigned',
    ]) {
      expect(hasTemplate(name)).toBe(true);
    }
  });

  it('falls back to a generic Vietnamese message for an unknown template and fills missing values with a dash', () => {
    const message = renderNotification('something_new', {});
    expect(message.subject).toBe('Thông báo mới từ hệ thống Khuyến công');
    expect(message.body).toContain('Có cập nhật mới về hồ sơ —.');
  });

  it('never lets a template name from the data reach inherited object keys', () => {
    expect(hasTemplate('toString')).toBe(false);
  });
});
