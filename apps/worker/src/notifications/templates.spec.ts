import { hasTemplate, notificationParts, renderCombined, renderNotification } from './templates.js';

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

  it('combines several notifications into one message: the count in both languages, each subject and text, Vietnamese first', () => {
    const message = renderCombined([
      notificationParts('entry_received', { instanceId: 'HS-01' }),
      notificationParts('entry_returned', { instanceId: 'HS-02', reason: 'Thiếu ảnh sản phẩm' }),
      notificationParts('jury_assigned', { instanceId: 'HS-03' }),
    ]);
    expect(message.subject).toBe('Khuyến công: 3 thông báo mới / 3 new notifications');
    expect(message.body).toMatch(/^Quý vị có 3 thông báo mới/);
    expect(message.body).toContain('1. Hồ sơ đã được tiếp nhận\nHồ sơ HS-01 của quý cơ sở đã được tiếp nhận');
    expect(message.body).toContain('2. Hồ sơ cần bổ sung, chỉnh sửa\nHồ sơ HS-02 được trả lại để bổ sung, chỉnh sửa. Lý do: Thiếu ảnh sản phẩm');
    expect(message.body.indexOf('3. Phân công chấm điểm')).toBeLessThan(message.body.indexOf('English: 3 new notifications'));
    expect(message.body).toMatch(/\n3\. You have been assigned to score entry HS-03\.$/);
  });
});
