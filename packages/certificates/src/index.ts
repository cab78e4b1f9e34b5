export { CERTIFICATE_NUMBER_PATTERN, certificateNumber, unitInitials, validUntilFor, verificationUrl, type CertificateLevel } from './numbers.js';
export { qrPayload, renderCertificatePdf, vietnameseDate, type CertificateContent } from './render.js';
