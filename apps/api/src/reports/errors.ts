import { NotFoundException } from '@nestjs/common';

export const unknownRegion = (code: string) =>
  new NotFoundException({ statusCode: 404, code: 'NOT_FOUND', message: `Không có khu vực ${code} / No region ${code}` });

export const exportNotFound = () =>
  new NotFoundException({ statusCode: 404, code: 'NOT_FOUND', message: 'Không tìm thấy yêu cầu xuất báo cáo / Export not found' });
