// What must not appear as visible text on a screen: codes, slugs and identifiers where people expect words.
// Each pattern names what it catches; e-mail addresses and web addresses are removed from the text first.

export interface RawTextPattern {
  name: string;
  pattern: RegExp;
}

export const RAW_TEXT_PATTERNS: readonly RawTextPattern[] = [
  { name: 'UUID', pattern: /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i },
  { name: 'short identifier (#719b7e9c)', pattern: /#[0-9a-f]{6,}\b/i },
  { name: 'bare hexadecimal identifier', pattern: /(?<![\w-])(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8}(?![\w-])/ },
  { name: 'upper-case code (PROCESSED_FOOD)', pattern: /\b[A-Z][A-Z0-9]+_[A-Z0-9_]+\b/ },
  { name: 'lower-case code (council_review)', pattern: /\b[a-z][a-z0-9]+_[a-z0-9_]+\b/ },
  { name: 'unit slug (gia-lai-2025)', pattern: /\b[a-z]+(?:-[a-z]+)+-\d{4}\b/ },
  { name: 'unit slug (gia-lai)', pattern: /\b(?:gia-lai|dak-lak|ha-noi|ho-chi-minh|lam-dong|kon-tum)\b/ },
  // Attribute names: camelCase ending in a word of a field name (adjacent inline texts can glue into "mXin").
  {
    name: 'camelCase name (lowerCertificateLevel)',
    pattern: /\b[a-z]+(?:[A-Z][a-z]+)*(?:Level|Code|Amount|Date|Id|Name|Group|Status|Kind|Percent|Count|At|Type|Source|Number)\b/,
  },
  // A code the label tables do not know is shown as "Không rõ (CODE)": the table is missing a word.
  { name: 'unlabelled code (Không rõ (…))', pattern: /(?:Không rõ|Unknown) \(/ },
  { name: 'commune code in brackets (Xã (23734))', pattern: /\(\d{5}\)/ },
  { name: 'code path (payment/advance)', pattern: /\b[a-z]+\/[a-z_]+\b/ },
];

/** The problems in a screen's visible text, one line each (pattern name and the text that matched). */
export function visibleTextProblems(text: string): string[] {
  const cleaned = text
    .replace(/\S+@\S+\.\S+/g, ' ')
    .replace(/\bhttps?:\/\/\S+/g, ' ')
    .replace(/\/(verify|api)\/\S*/g, ' ');
  return RAW_TEXT_PATTERNS.flatMap(({ name, pattern }) => {
    const match = cleaned.match(pattern);
    return match ? [`text: ${name}: “${match[0]}”`] : [];
  });
}
