/**
 * The GS1 Application Identifiers a device label can carry, from the GS1 General Specifications'
 * AI table: how many digits the AI has and how long its data is. Parsing a raw element string
 * (no parentheses) needs this, because only the AI tells where a fixed-length field ends.
 */
export type AiSpec = {
  ai: string;
  /** Exact data length; the field needs no FNC1 after it. */
  fixed?: number;
  /** Maximum data length of a variable field, which ends at FNC1 (GS) or the end of the data. */
  max?: number;
  numeric: boolean;
  /** YYMMDD dates, checked as dates. */
  date?: boolean;
};

const fixedNumeric: Record<string, number> = {
  '00': 18,
  '01': 14,
  '02': 14,
  '03': 14,
  '11': 6,
  '12': 6,
  '13': 6,
  '15': 6,
  '16': 6,
  '17': 6,
  '20': 2,
  '402': 17,
  '410': 13,
  '411': 13,
  '412': 13,
  '413': 13,
  '414': 13,
  '415': 13,
  '416': 13,
  '417': 13,
  '422': 3,
  '424': 3,
  '426': 3,
  '7001': 13,
  '7003': 10,
  '7006': 6,
  '8001': 14,
  '8005': 6,
  '8017': 18,
  '8018': 18,
  '8111': 4,
};

const variableNumeric: Record<string, number> = {
  '242': 6,
  '30': 8,
  '37': 8,
  '421': 12,
  '423': 15,
  '425': 15,
  '7004': 4,
  '7007': 12,
  '7011': 10,
  '8008': 12,
  '8011': 12,
  '8019': 10,
};

const variableText: Record<string, number> = {
  '10': 20,
  '21': 20,
  '22': 20,
  '235': 28,
  '240': 30,
  '241': 30,
  '243': 20,
  '250': 30,
  '251': 30,
  '253': 30,
  '254': 20,
  '255': 25,
  '400': 30,
  '401': 30,
  '403': 30,
  '420': 20,
  '427': 3,
  '7002': 30,
  '7005': 12,
  '7008': 3,
  '7009': 10,
  '7010': 2,
  '7020': 20,
  '7021': 20,
  '7022': 20,
  '7023': 30,
  '7240': 20,
  '8002': 20,
  '8003': 30,
  '8004': 30,
  '8006': 18,
  '8007': 34,
  '8009': 50,
  '8010': 30,
  '8012': 20,
  '8013': 25,
  '8020': 25,
  '8026': 18,
  '8110': 70,
  '8112': 70,
  '8200': 70,
  '90': 30,
};
for (let ai = 91; ai <= 99; ai++) variableText[String(ai)] = 90;
for (let ai = 710; ai <= 716; ai++) variableText[String(ai)] = 20;

const dateAis = new Set(['11', '12', '13', '15', '16', '17']);

function known(ai: string): AiSpec | null {
  const fixed = fixedNumeric[ai];
  if (fixed !== undefined) return { ai, fixed, numeric: true, date: dateAis.has(ai) };
  const maxNumeric = variableNumeric[ai];
  if (maxNumeric !== undefined) return { ai, max: maxNumeric, numeric: true };
  const maxText = variableText[ai];
  if (maxText !== undefined) return { ai, max: maxText, numeric: false };
  return null;
}

/** Four-digit AIs whose last digit is a decimal-point position or a sequence (310n, 703n …). */
function family(ai: string): AiSpec | null {
  if (!/^\d{4}$/.test(ai)) return null;
  const head = Number(ai.slice(0, 3));
  if (head >= 310 && head <= 369) return { ai, fixed: 6, numeric: true };
  if (head === 390 || head === 392) return { ai, max: 15, numeric: true };
  if (head === 391 || head === 393) return { ai, max: 18, numeric: true };
  if (head === 394) return { ai, fixed: 4, numeric: true };
  if (head === 395) return { ai, fixed: 6, numeric: true };
  if (head === 703 || head === 723) return { ai, max: 30, numeric: false };
  return null;
}

/** The AI that starts `text` at `at`: AIs are prefix-free, so the first length that is known wins. */
export function aiAt(text: string, at: number): AiSpec | null {
  for (const length of [2, 3, 4]) {
    const ai = text.slice(at, at + length);
    if (ai.length < length || !/^\d+$/.test(ai)) return null;
    const spec = known(ai) ?? family(ai);
    if (spec) return spec;
  }
  return null;
}

/** The spec of an AI written in parentheses, or null for an AI this table does not hold. */
export function aiSpec(ai: string): AiSpec | null {
  return known(ai) ?? family(ai);
}
