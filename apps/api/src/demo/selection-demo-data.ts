// Demo data only: plausible establishments and products of the Central–Highlands provinces (generated, not real).

/** A craft: what an establishment makes, its product group and a few product names. */
interface Craft {
  maker: string;
  group: 'HANDICRAFT' | 'PROCESSED_FOOD' | 'MECHANICAL' | 'OTHER';
  products: readonly string[];
}

const CRAFTS: readonly Craft[] = [
  { maker: 'dệt thổ cẩm', group: 'HANDICRAFT', products: ['Khăn choàng thổ cẩm dệt tay', 'Bộ váy áo thổ cẩm truyền thống', 'Túi xách thổ cẩm hoa văn'] },
  { maker: 'gốm', group: 'HANDICRAFT', products: ['Bộ ấm chén gốm nung thủ công', 'Bình gốm men rạn', 'Tượng gốm mỹ nghệ'] },
  { maker: 'mây tre đan', group: 'HANDICRAFT', products: ['Bộ giỏ mây đan', 'Đèn tre trang trí', 'Khay tre ép'] },
  { maker: 'mộc mỹ nghệ', group: 'HANDICRAFT', products: ['Tượng gỗ điêu khắc', 'Bộ bàn ghế gỗ chạm trổ', 'Tranh gỗ khảm'] },
  { maker: 'cà phê', group: 'PROCESSED_FOOD', products: ['Cà phê rang xay nguyên chất', 'Cà phê hạt Arabica rang mộc', 'Cà phê phin giấy'] },
  { maker: 'chế biến hạt điều', group: 'PROCESSED_FOOD', products: ['Hạt điều rang muối', 'Hạt điều sấy giòn'] },
  { maker: 'nước mắm', group: 'PROCESSED_FOOD', products: ['Nước mắm cá cơm truyền thống', 'Nước mắm nhĩ thượng hạng'] },
  { maker: 'yến sào', group: 'PROCESSED_FOOD', products: ['Yến sào tinh chế', 'Nước yến chưng đường phèn'] },
  { maker: 'chè', group: 'PROCESSED_FOOD', products: ['Trà Ô long', 'Trà atiso túi lọc', 'Chè xanh đặc sản'] },
  { maker: 'mật ong', group: 'PROCESSED_FOOD', products: ['Mật ong hoa cà phê', 'Mật ong rừng nguyên chất'] },
  { maker: 'bánh đặc sản', group: 'PROCESSED_FOOD', products: ['Bánh tráng mè', 'Mè xửng', 'Bánh ít lá gai'] },
  { maker: 'cơ khí', group: 'MECHANICAL', products: ['Máy xát vỏ cà phê', 'Máy sấy nông sản', 'Máy thái sắn lát'] },
  { maker: 'tinh dầu', group: 'OTHER', products: ['Tinh dầu sả chanh', 'Tinh dầu quế', 'Tinh dầu tràm'] },
  { maker: 'đá mỹ nghệ', group: 'OTHER', products: ['Tượng đá mỹ nghệ', 'Bộ đèn đá trang trí'] },
];

const FORMS = [
  { prefix: 'Hợp tác xã', legalForm: 'cooperative' },
  { prefix: 'Công ty TNHH', legalForm: 'enterprise' },
  { prefix: 'Cơ sở', legalForm: 'household_business' },
] as const;

export interface DemoEstablishment {
  name: string;
  legalForm: string;
  provinceCode: string;
  communeCode: string;
  /** One or two products (four establishments enter two). */
  products: { name: string; group: Craft['group'] }[];
  womenOwned: boolean;
}

/**
 * `perProvince` establishments per province, deterministic. The first `twoProducts` establishments overall
 * enter two products. Names carry the province name so they stay unique and readable.
 */
export function demoEstablishments(provinces: readonly { code: string; name: string }[], perProvince: number, twoProducts: number): DemoEstablishment[] {
  const result: DemoEstablishment[] = [];
  provinces.forEach((province, p) => {
    for (let i = 0; i < perProvince; i++) {
      const n = p * perProvince + i;
      const craft = CRAFTS[n % CRAFTS.length]!;
      const form = FORMS[n % FORMS.length]!;
      const products = [{ name: `${craft.products[n % craft.products.length]!} ${province.name}`, group: craft.group }];
      if (n < twoProducts) products.push({ name: `${craft.products[(n + 1) % craft.products.length]!} ${province.name} (bộ sản phẩm)`, group: craft.group });
      result.push({
        name: `${form.prefix} ${craft.maker} ${province.name} số ${i + 1}`,
        legalForm: form.legalForm,
        provinceCode: province.code,
        communeCode: `${province.code}-xa-${i + 1}`,
        products,
        womenOwned: n % 3 === 0,
      });
    }
  });
  return result;
}
