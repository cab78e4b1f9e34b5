import { contentDisposition, sanitiseFileName } from './filename.js';

describe('sanitiseFileName', () => {
  it('keeps Vietnamese letters and the extension', () => {
    expect(sanitiseFileName('Bản mô tả sản phẩm – Gốm Bàu Trúc.pdf')).toBe('Bản mô tả sản phẩm – Gốm Bàu Trúc.pdf');
  });

  it('strips directories of either kind of slash, so a name cannot climb out of a folder', () => {
    expect(sanitiseFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitiseFileName('C:\\Users\\x\\..\\hồ sơ.docx')).toBe('hồ sơ.docx');
  });

  it('removes control and bidi-format characters and reserved punctuation', () => {
    expect(sanitiseFileName('a\u0000b\r\nc\u202Egpj.exe')).toBe('abcgpj.exe');
    expect(sanitiseFileName('x<y>:"z"|?.pdf')).toBe('x_y___z___.pdf');
  });

  it('joins decomposed accents into composed letters (NFC)', () => {
    expect(sanitiseFileName('Ha\u0300 Nô\u0323i.png')).toBe('Hà Nội.png');
  });

  it('falls back to a neutral name when nothing is left, and trims leading dots', () => {
    expect(sanitiseFileName('../')).toBe('tai-lieu');
    expect(sanitiseFileName(undefined)).toBe('tai-lieu');
    expect(sanitiseFileName('..hidden')).toBe('hidden');
  });

  it('shortens very long names to 200 characters and keeps the extension', () => {
    const name = sanitiseFileName(`${'đ'.repeat(300)}.xlsx`);
    expect(Array.from(name)).toHaveLength(200);
    expect(name.endsWith('.xlsx')).toBe(true);
  });
});

describe('contentDisposition', () => {
  it('sends an ASCII fallback and the exact UTF-8 name (RFC 5987)', () => {
    expect(contentDisposition('Đơn đăng ký "mẫu".pdf')).toBe(
      `attachment; filename="Don dang ky _mau_.pdf"; filename*=UTF-8''%C4%90%C6%A1n%20%C4%91%C4%83ng%20k%C3%BD%20%22m%E1%BA%ABu%22.pdf`,
    );
  });
});
