// The signed-in person's own page (issue 19: how notification e-mails reach them). Vietnamese first.
export const accountVi = {
  'nav.account': 'Tài khoản của tôi',
  'account.title': 'Tài khoản của tôi',
  'account.email.title': 'Nhận thông báo qua thư điện tử',
  'account.email.intro': 'Thông báo trong hệ thống luôn hiện ngay. Lựa chọn dưới đây chỉ áp dụng cho thư điện tử gửi đến {email}.',
  'account.email.label': 'Cách gửi thư điện tử',
  'account.email.immediate': 'Gửi ngay (gộp các thư trong 1 phút)',
  'account.email.immediateHint': 'Thư đầu tiên được gửi ngay; các thông báo đến trong 1 phút sau đó được gộp thành một thư.',
  'account.email.daily': 'Một bản tin mỗi ngày (7:00)',
  'account.email.dailyHint': 'Mọi thông báo chưa gửi được gộp vào một thư lúc 7:00 sáng hằng ngày.',
  'account.save': 'Lưu lựa chọn',
  'account.saved': 'Đã lưu cách nhận thư điện tử',
};

export const accountEn: Record<keyof typeof accountVi, string> = {
  'nav.account': 'My account',
  'account.title': 'My account',
  'account.email.title': 'Notification e-mails',
  'account.email.intro': 'In-app notifications always appear at once. The choice below applies only to e-mails sent to {email}.',
  'account.email.label': 'How e-mails are sent',
  'account.email.immediate': 'At once (e-mails within 1 minute combined)',
  'account.email.immediateHint': 'The first e-mail goes at once; notifications within the next minute are combined into one e-mail.',
  'account.email.daily': 'One digest a day (7:00)',
  'account.email.dailyHint': 'Every notification not yet sent goes in one e-mail at 7:00 every morning.',
  'account.save': 'Save choice',
  'account.saved': 'E-mail delivery saved',
};
