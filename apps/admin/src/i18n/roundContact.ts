// The words of a round's contact (the round dialog) and of the entry page's next-answer card, Vietnamese first;
// loaded with those screens, not with the login page (see scoped.ts).
import { scopedTranslations } from './scoped.js';

const roundContactVi = {
  'contact.section': 'Liên hệ cho cơ sở tham gia',
  'contact.help': 'Không bắt buộc. Để trống thì cơ sở được hướng dẫn liên hệ đơn vị tổ chức (UBND xã, Sở Công Thương hoặc Cục).',
  'contact.field.name': 'Cơ quan hoặc người phụ trách',
  'contact.field.phone': 'Điện thoại liên hệ',
  'contact.field.email': 'Thư điện tử liên hệ',
  'contact.placeholder.name': 'Ví dụ: Phòng Quản lý công nghiệp, Sở Công Thương Gia Lai',
  'contact.rule.name': 'Từ 2 đến 300 ký tự.',
  'contact.rule.phone': 'Chỉ gồm chữ số, khoảng trắng và + . - ( ), dài 8–20 ký tự, ví dụ 0269 382 4567.',
  'contact.rule.email': 'Địa chỉ thư điện tử không hợp lệ, ví dụ phongqlcn@khuyencong.vn.',
  'next.title': 'Bước tiếp theo',
  'next.handling': 'Hồ sơ đang ở bước {stage}. Dự kiến có kết quả trước ngày {date}.',
  'next.handlingNoDue': 'Hồ sơ đang ở bước {stage}. Chưa có hạn xử lý cho bước này.',
  'next.you.draft': 'Hồ sơ đang chờ bạn hoàn thiện trước ngày {date}.',
  'next.you.revision': 'Hồ sơ đang chờ bạn bổ sung trước ngày {date}.',
  'next.youNoDue.draft': 'Hồ sơ đang chờ bạn hoàn thiện và nộp.',
  'next.youNoDue.revision': 'Hồ sơ đang chờ bạn bổ sung và nộp lại.',
  'next.applicant.draft': 'Hồ sơ đang chờ cơ sở hoàn thiện trước ngày {date}.',
  'next.applicant.revision': 'Hồ sơ đang chờ cơ sở bổ sung trước ngày {date}.',
  'next.applicantNoDue.draft': 'Hồ sơ đang chờ cơ sở hoàn thiện và nộp.',
  'next.applicantNoDue.revision': 'Hồ sơ đang chờ cơ sở bổ sung và nộp lại.',
  'next.final': 'Hồ sơ đã có kết quả cuối cùng: {outcome}. Không còn bước xử lý nào phải chờ.',
  'next.contact': 'Liên hệ',
  'next.organiser.commune': 'UBND {name}',
  'next.organiser.province': 'Sở Công Thương {name}',
  'next.organiser.central': 'Cục Đổi mới sáng tạo, Chuyển đổi xanh và Khuyến công (Bộ Công Thương)',
} as const;

const roundContactEn: Record<keyof typeof roundContactVi, string> = {
  'contact.section': 'Contact for applicants',
  'contact.help':
    'Optional. Left empty, applicants are told to contact the organiser (the commune People’s Committee, the Department of Industry and Trade or the Agency).',
  'contact.field.name': 'Office or person in charge',
  'contact.field.phone': 'Contact phone',
  'contact.field.email': 'Contact e-mail',
  'contact.placeholder.name': 'E.g. Industry Management Division, Gia Lai Department of Industry and Trade',
  'contact.rule.name': '2 to 300 characters.',
  'contact.rule.phone': 'Digits, spaces and + . - ( ) only, 8–20 characters, e.g. 0269 382 4567.',
  'contact.rule.email': 'Not an e-mail address, e.g. phongqlcn@khuyencong.vn.',
  'next.title': 'Next step',
  'next.handling': 'The dossier is at the step “{stage}”. An answer is expected by {date}.',
  'next.handlingNoDue': 'The dossier is at the step “{stage}”. This step has no deadline yet.',
  'next.you.draft': 'The dossier is waiting for you to complete it by {date}.',
  'next.you.revision': 'The dossier is waiting for you to supplement it by {date}.',
  'next.youNoDue.draft': 'The dossier is waiting for you to complete and submit it.',
  'next.youNoDue.revision': 'The dossier is waiting for you to supplement and resubmit it.',
  'next.applicant.draft': 'The dossier is waiting for the establishment to complete it by {date}.',
  'next.applicant.revision': 'The dossier is waiting for the establishment to supplement it by {date}.',
  'next.applicantNoDue.draft': 'The dossier is waiting for the establishment to complete and submit it.',
  'next.applicantNoDue.revision': 'The dossier is waiting for the establishment to supplement and resubmit it.',
  'next.final': 'The dossier has its final outcome: {outcome}. Nothing more is pending.',
  'next.contact': 'Contact',
  'next.organiser.commune': 'People’s Committee of {name}',
  'next.organiser.province': 'Department of Industry and Trade of {name}',
  'next.organiser.central': 'Agency for Innovation, Green Transition and Industrial Promotion (Ministry of Industry and Trade)',
};

/** `useI18n()` whose `t` also knows the round contact's and the next-answer card's words. */
export const useRoundContactI18n = scopedTranslations(roundContactVi, roundContactEn);
