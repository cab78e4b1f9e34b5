// UI text: Vietnamese first, English second. A key missing in English is a compile error.
export const vi = {
  'app.title': 'Nền tảng Khuyến công',
  'app.subtitle': 'Bình chọn sản phẩm công nghiệp nông thôn tiêu biểu và đề án khuyến công',
  'lang.switch': 'English',
  'health.title': 'Tình trạng hệ thống',
  'health.loading': 'Đang kiểm tra các thành phần…',
  'health.ok': 'Mọi thành phần đang hoạt động',
  'health.error': 'Có thành phần không hoạt động: {names}',
  'health.unreachable': 'Không kết nối được với máy chủ API. Hãy kiểm tra tiến trình API (npm start) rồi tải lại trang.',
  'health.component.database': 'Cơ sở dữ liệu (PostgreSQL)',
  'health.component.redis': 'Hàng đợi (Redis)',
  'health.component.worker': 'Tiến trình nền (worker)',
  'health.up': 'Hoạt động',
  'health.down': 'Ngừng',
  'health.checkedAt': 'Kiểm tra lúc {time}, tự làm mới mỗi 5 giây',
  'health.latency': 'Độ trễ',
} as const;

export type MessageKey = keyof typeof vi;

export const en: Record<MessageKey, string> = {
  'app.title': 'Industrial Promotion Platform',
  'app.subtitle': 'Typical rural industrial product selection and khuyến công schemes',
  'lang.switch': 'Tiếng Việt',
  'health.title': 'System health',
  'health.loading': 'Checking components…',
  'health.ok': 'All components are up',
  'health.error': 'Some components are down: {names}',
  'health.unreachable': 'Cannot reach the API server. Check the API process (npm start), then reload the page.',
  'health.component.database': 'Database (PostgreSQL)',
  'health.component.redis': 'Queues (Redis)',
  'health.component.worker': 'Background worker',
  'health.up': 'Up',
  'health.down': 'Down',
  'health.checkedAt': 'Checked at {time}, refreshing every 5 seconds',
  'health.latency': 'Latency',
};
