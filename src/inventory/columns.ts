/** The inventory columns Vigil knows, in the order it exports them. */
export const canonicalColumns = [
  'asset_tag',
  'manufacturer',
  'model',
  'catalog_number',
  'serial_number',
  'udi',
  'product_code',
  'device_name',
  'department',
  'location',
  'status',
  'software_version',
  'acquired_on',
] as const;

export type CanonicalColumn = (typeof canonicalColumns)[number];

/**
 * Header names CMMS exports and hand-kept spreadsheets use for each column, comma-separated and
 * compared after `headerKey`, so case, spaces and punctuation do not matter. "Vendor" is left out
 * on purpose: in a CMMS it is usually the supplier or the service company, not the maker.
 */
const variants: Record<CanonicalColumn, string> = {
  asset_tag:
    'asset tag, asset, asset #, asset no, asset number, asset id, asset tag #, tag, tag #, tag no, tag number, equipment id, equipment #, equipment no, equipment number, equip id, equip #, equip no, control #, control no, control number, inventory #, inventory no, inventory number, property tag, device id',
  manufacturer: 'manufacturer, manufacturer name, mfr, mfr name, mfg, mfgr, manuf, make, maker',
  model: 'model, model number, model #, model no, model num, model name, mdl',
  catalog_number:
    'catalog number, catalog #, catalog no, catalogue number, cat no, cat #, cat number, ref, ref #, ref no, reference number, part number, part #, part no, p/n, list number, list #, list no',
  serial_number: 'serial number, serial, serial #, serial no, serial num, s/n, sn, ser no',
  udi: 'udi, unique device identifier, udi barcode, udi code, udi di, gtin',
  product_code: 'product code, fda product code, fda code, procode, pro code, fda procode',
  device_name:
    'device name, device type, description, device description, equipment type, equipment description, equipment name, asset description, nomenclature, device, type',
  department: 'department, dept, dept name, department name, owning department',
  location: 'location, room, room #, room number, loc, location name',
  status: 'status, equipment status, asset status, device status',
  software_version:
    'software version, sw version, sw ver, software, software rev, software revision, firmware, firmware version, fw version, version',
  acquired_on:
    'acquired on, acquired, acquisition date, acquired date, date acquired, install date, installation date, installed, date installed, purchase date, date purchased, in service date, in-service date',
};

/** "Serial #" → "serialnumber", "S/N" → "sn": the form headers are compared in. */
export function headerKey(header: string): string {
  return header
    .toLowerCase()
    .replace(/#/g, ' number ')
    .replace(/[^a-z0-9]+/g, '');
}

const byKey = new Map<string, CanonicalColumn>();
for (const column of canonicalColumns) {
  byKey.set(headerKey(column), column);
  for (const variant of variants[column].split(', ')) byKey.set(headerKey(variant), column);
}

/** The canonical column a header stands for, if any. */
export function columnFor(header: string): CanonicalColumn | null {
  return byKey.get(headerKey(header)) ?? null;
}

export type MappedHeader = { header: string; index: number; column: CanonicalColumn; chosen?: true };
/** A header kept as-is in `extra`; `looksLike` when another header already supplies that column. */
export type ExtraHeader = { header: string; index: number; looksLike: CanonicalColumn | null };
export type HeaderMapping = { mapping: MappedHeader[]; unmapped: ExtraHeader[]; problem: string | null };

/**
 * Columns a person chose for headers ("INV Sistema" is the asset tag): header as the file writes
 * it (case, spaces and punctuation aside) → a Vigil column, or null to keep it as extra data.
 */
export type ChosenColumns = Map<string, CanonicalColumn | null>;

/** Reads `--map "INV Sistema=asset_tag"` choices; a column Vigil does not have is an error naming them. */
export function readChoices(pairs: string[]): { choices: ChosenColumns; problem: string | null } {
  const choices: ChosenColumns = new Map();
  for (const pair of pairs) {
    const at = pair.lastIndexOf('=');
    const header = at > 0 ? pair.slice(0, at).trim() : '';
    const column =
      at > 0
        ? pair
            .slice(at + 1)
            .trim()
            .toLowerCase()
        : '';
    if (!header || !column)
      return {
        choices,
        problem: `--map "${pair}" is not "header=column", as in --map "INV Sistema=asset_tag"`,
      };
    if (column === 'extra') {
      choices.set(headerKey(header), null);
      continue;
    }
    if (!(canonicalColumns as readonly string[]).includes(column))
      return {
        choices,
        problem: `--map "${pair}": ${column} is not a Vigil column; the columns are ${canonicalColumns.join(', ')} (or extra, to keep it as extra data)`,
      };
    choices.set(headerKey(header), column as CanonicalColumn);
  }
  return { choices, problem: null };
}

/**
 * Decides which header feeds which column. A column a person chose for a header comes first.
 * When two headers mean the same column ("Install Date" and "Purchase Date"), the one spelled
 * exactly as the canonical name wins, else the first; the other is kept in `extra` under its own
 * name, so nothing is lost and the choice is shown. A blank header is named by its position; a
 * repeated name is numbered so each stays a key.
 */
export function mapHeaders(headers: string[], chosen: ChosenColumns = new Map()): HeaderMapping {
  const names = uniqueNames(headers);
  const mapping: MappedHeader[] = [];
  const unmapped: ExtraHeader[] = [];
  const keys = names.map((name, i) =>
    chosen.has(headerKey(name)) ? headerKey(name) : headerKey(headers[i]!),
  );
  const missing = [...chosen.keys()].filter((key) => !keys.includes(key));
  if (missing.length > 0) {
    const asked = missing.map((key) => `"${key}"`).join(', ');
    return {
      mapping,
      unmapped,
      problem: `a column was chosen for a header the file does not have (${asked}); the headers are ${names.map((h) => `"${h}"`).join(', ')}`,
    };
  }
  const picked = new Set([...chosen.values()].filter((c): c is CanonicalColumn => c !== null));
  for (const [i, header] of names.entries()) {
    const column = chosen.get(keys[i]!);
    if (column) mapping.push({ header, index: i, column, chosen: true });
    else if (column === null) unmapped.push({ header, index: i, looksLike: null });
  }
  const candidates = names
    .map((header, index) => ({ header, index, column: columnFor(headers[index]!) }))
    .filter((c) => !chosen.has(keys[c.index]!));
  const exact = (c: (typeof candidates)[number]) =>
    c.column !== null && headerKey(headers[c.index]!) === headerKey(c.column);
  const ordered = [...candidates.filter(exact), ...candidates.filter((c) => !exact(c))];
  const taken = new Set<CanonicalColumn>(picked);
  for (const c of ordered) {
    if (c.column && !taken.has(c.column)) {
      taken.add(c.column);
      mapping.push({ header: c.header, index: c.index, column: c.column });
    } else {
      unmapped.push({ header: c.header, index: c.index, looksLike: c.column });
    }
  }
  mapping.sort((a, b) => canonicalColumns.indexOf(a.column) - canonicalColumns.indexOf(b.column));
  unmapped.sort((a, b) => a.index - b.index);
  const problem = taken.has('asset_tag')
    ? null
    : `no asset tag column: the headers are ${names.map((h) => `"${h}"`).join(', ')}; ` +
      'name the column that identifies each asset "asset_tag" (or Asset #, Asset Tag, Equipment ID, Tag)';
  return { mapping, unmapped, problem };
}

function uniqueNames(headers: string[]): string[] {
  const seen = new Map<string, number>();
  return headers.map((raw, i) => {
    const header = raw.trim() === '' ? `(column ${i + 1})` : raw.trim();
    const count = (seen.get(header) ?? 0) + 1;
    seen.set(header, count);
    return count === 1 ? header : `${header} (${count})`;
  });
}
