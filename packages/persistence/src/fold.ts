/**
 * Accent-insensitive Vietnamese search: text folded to lower case without diacritics, the same in SQL and in
 * TypeScript. It lives here (not in the API) because the search indexes (migration SearchIndexes) are built on
 * exactly the expression {@link foldSql} writes: an index is used only when the query repeats it character for
 * character.
 */
const ACCENTED = 'àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ';
const PLAIN = 'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd';

/** SQL folding a text expression to lower case without Vietnamese diacritics (no extension needed). */
export function foldSql(expression: string): string {
  // Upper-case letters are mapped explicitly: lower() leaves non-ASCII alone under the C collation.
  return `lower(translate(${expression}, '${ACCENTED}${ACCENTED.toUpperCase()}', '${PLAIN}${PLAIN}'))`;
}

/** The same folding in TypeScript, for the search text (NFC first: "ế" typed as e + two marks folds too). */
export function fold(text: string): string {
  const lower = text.normalize('NFC').toLowerCase();
  let folded = '';
  for (const character of lower) {
    const at = ACCENTED.indexOf(character);
    folded += at >= 0 ? PLAIN[at] : character;
  }
  return folded;
}

/** The text with LIKE's wildcards escaped ("50%" finds "50%", not everything). */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** A LIKE pattern matching the text anywhere. */
export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}

/** A LIKE pattern matching texts that begin with the text (a code typed from its start). */
export function prefixPattern(text: string): string {
  return `${escapeLike(text)}%`;
}
