#!/usr/bin/env node
// Rebuilds src/cost/prices.json from AWS's public price list files, when they
// are at hand (no network here: download them elsewhere, e.g.
// https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonEC2/current/index.json,
// or index.csv beside it, or a region's file under current/<region>/).
//
//   node scripts/build-prices.mjs --offers DIR [--table src/cost/prices.json] [--out FILE]
//
// Every *.json and *.csv in DIR is read; its offer code comes from the file.
// For each price of the table whose source offer is at hand, each product of
// a region the files cover is matched by the price's "match" attributes
// (usagetype compared without its region prefix, "EUW1-" and the like), and
// its on-demand price is taken from the first paid tier. A covered region
// with no matching product becomes null (not sold there); regions the files
// do not cover keep their price. A rebuilt price is dated with the offer's
// publication date. A price entered from another source (the entry's "found"
// for that region) gives way to the offer file's when the files cover its
// region, and stays, with its source, when they do not.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    offers: { type: 'string' },
    table: { type: 'string', default: 'src/cost/prices.json' },
    out: { type: 'string' },
  },
});
if (!values.offers) {
  process.stderr.write('build-prices: --offers DIR is required (a folder of AWS price list files, JSON or CSV)\n');
  process.exit(2);
}

/** "Region Code", "regionCode" and "regioncode" are one attribute. */
const key = (name) => name.toLowerCase().replace(/[^a-z0-9]/g, '');
/** "EUW1-NatGateway-Hours" → "NatGateway-Hours"; us-east-1 often has no prefix. */
const usage = (value) => value.replace(/^[A-Z]{2,4}[0-9]?-(?=[A-Za-z])/, '');

function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** One offer file → { offerCode, date, rows: [{ attributes (normalized keys), unit, begin, price }] } of on-demand USD prices. */
function readOffer(path) {
  const text = readFileSync(path, 'utf8');
  if (path.endsWith('.json')) {
    const offer = JSON.parse(text);
    const rows = [];
    for (const [sku, byTerm] of Object.entries(offer.terms?.OnDemand ?? {})) {
      const product = offer.products?.[sku];
      if (!product) continue;
      const attributes = { productfamily: product.productFamily ?? '' };
      for (const [name, value] of Object.entries(product.attributes ?? {})) attributes[key(name)] = String(value);
      for (const term of Object.values(byTerm)) {
        for (const dimension of Object.values(term.priceDimensions ?? {})) {
          const price = Number(dimension.pricePerUnit?.USD);
          if (!Number.isFinite(price)) continue;
          rows.push({ attributes, unit: dimension.unit, begin: Number(dimension.beginRange ?? dimension.startingRange ?? 0), price });
        }
      }
    }
    return { offerCode: offer.offerCode, date: String(offer.publicationDate).slice(0, 10), rows };
  }
  // CSV: five rows of metadata ("Publication Date","…"), then the header row.
  const table = parseCsv(text);
  const meta = Object.fromEntries(table.slice(0, 5).map(([name, value]) => [key(name ?? ''), value]));
  const header = (table[5] ?? []).map(key);
  const rows = [];
  for (const cells of table.slice(6)) {
    const record = Object.fromEntries(header.map((name, index) => [name, cells[index] ?? '']));
    if (record.termtype !== 'OnDemand' || record.currency !== 'USD') continue;
    const price = Number(record.priceperunit);
    if (!Number.isFinite(price)) continue;
    rows.push({ attributes: record, unit: record.unit, begin: Number(record.startingrange || 0), price });
  }
  return { offerCode: meta.offercode, date: String(meta.publicationdate ?? '').slice(0, 10), rows };
}

function matches(attributes, match) {
  return Object.entries(match).every(([name, wanted]) => {
    const found = attributes[key(name)];
    if (found === undefined) return false;
    return key(name) === 'usagetype' ? usage(found) === wanted : found === wanted;
  });
}

const tablePath = values.table;
const table = JSON.parse(readFileSync(tablePath, 'utf8'));
const regionCodes = Object.keys(Object.values(table.prices)[0].regions);
const offers = new Map();
for (const file of readdirSync(values.offers).sort()) {
  if (!/\.(json|csv)$/.test(file)) continue;
  const offer = readOffer(join(values.offers, file));
  if (!offer.offerCode) throw new Error(`${file}: no offer code in the file`);
  const known = offers.get(offer.offerCode) ?? { date: offer.date, rows: [] };
  known.rows.push(...offer.rows);
  if (offer.date > known.date) known.date = offer.date;
  offers.set(offer.offerCode, known);
}

let rebuilt = 0;
const kept = new Set();
for (const [id, entry] of Object.entries(table.prices)) {
  const offer = offers.get(entry.source);
  if (!offer) continue;
  const covered = new Set(offer.rows.map((row) => row.attributes.regioncode).filter((code) => regionCodes.includes(code)));
  if (covered.size === 0) continue;
  for (const region of regionCodes) {
    if (!covered.has(region)) {
      kept.add(region);
      continue;
    }
    const candidates = offer.rows
      .filter((row) => row.attributes.regioncode === region && matches(row.attributes, entry.match) && row.price > 0)
      .sort((a, b) => a.begin - b.begin);
    entry.regions[region] = candidates.length ? candidates[0].price : null;
    // The offer file is now this region's source: a price found elsewhere gives way to it.
    if (entry.found) delete entry.found[region];
  }
  if (entry.found && Object.keys(entry.found).length === 0) delete entry.found;
  entry.date = offer.date;
  rebuilt++;
}
table.date = Object.values(table.prices).reduce((newest, entry) => (entry.date > newest ? entry.date : newest), '');
writeFileSync(values.out ?? tablePath, `${JSON.stringify(table, null, 2)}\n`);
process.stderr.write(`build-prices: rebuilt ${rebuilt} prices from ${[...offers.keys()].join(', ') || 'no offer file'}\n`);
if (kept.size) process.stderr.write(`build-prices: the files do not cover ${[...kept].sort().join(', ')}; their prices were kept\n`);
